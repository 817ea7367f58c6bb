package io.wagateway.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server for the tests, started from the machine's own PostgreSQL binaries on the first call and
 * stopped when the test JVM ends. Each call gets a new database with the gateway's schema. Without PostgreSQL
 * installed the calling test is skipped; installed but failing to start, it fails.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private TestPostgres() {
    }

    /** Whether the machine has PostgreSQL's server programs; tests that need them are skipped otherwise. */
    public static boolean installed() {
        return binaries() != null;
    }

    /** The JDBC URL of a new, empty database (user {@code postgres}, no password). */
    public static synchronized String newDatabase() {
        if (server == null) {
            Path bin = binaries();
            Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed");
            server = Server.start(bin);
        }
        String name = "ledger" + DATABASES.incrementAndGet();
        new JdbcTemplate(server.dataSource("postgres")).execute("CREATE DATABASE " + name);
        return server.url(name);
    }

    /** A new database with the gateway's schema (the PostgreSQL migrations). */
    public static DataSource migrated() {
        DataSource dataSource = new DriverManagerDataSource(newDatabase(), USER, "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/postgresql").load().migrate();
        return dataSource;
    }

    /** Debian's layout (/usr/lib/postgresql/VERSION/bin), else the folder pg_ctl is found in on the PATH. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder()).orElseGet(TestPostgres::onPath);
        } catch (IOException e) {
            return onPath();
        }
    }

    private static Path onPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(Path::of)
                .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl"))).findFirst().orElse(null);
    }

    private record Server(Path bin, Path data, int port) {

        /** PostgreSQL refuses to run as root: then the server runs as the {@code postgres} user. */
        private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

        static Server start(Path bin) {
            try {
                Path data = Files.createTempDirectory("gateway-pg");
                if (AS_ROOT) {
                    UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByName("postgres");
                    Files.setOwner(data, postgres);
                }
                int port;
                try (ServerSocket probe = new ServerSocket(0)) {
                    port = probe.getLocalPort();
                }
                Server server = new Server(bin, data, port);
                server.run("initdb", "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                        "--no-sync");
                server.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w",
                        "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new IllegalStateException("could not start PostgreSQL for the tests", e);
            }
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        DataSource dataSource(String database) {
            return new DriverManagerDataSource(url(database), USER, "");
        }

        void stop() {
            try {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "stop");
            } catch (RuntimeException e) {
                // the JVM is ending: nothing more to do than try
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind
            }
        }

        void run(String program, String... args) {
            List<String> command = new ArrayList<>();
            if (AS_ROOT) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed: " + output);
                }
            } catch (IOException e) {
                throw new IllegalStateException(program + " could not run", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(program + " interrupted", e);
            }
        }
    }
}
