package io.wagateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The setting only works in a fresh JVM, so each case starts one that sees two cores. */
class CommonPoolTest {

    @Test
    void onTwoCoresAsyncStepsRunOnThePoolInsteadOfANewThreadEach() throws Exception {
        assertThat(probe("set")).isEqualTo("ForkJoinPool");
    }

    @Test
    void withoutTheSettingTheJdkStartsAThreadPerStep() throws Exception {
        assertThat(probe("leave")).isEqualTo("ThreadPerTaskExecutor");
    }

    @Test
    void aValueGivenOnTheCommandLineWins() throws Exception {
        assertThat(probe("set", "-D" + GatewayApplication.COMMON_POOL_PARALLELISM + "=1"))
                .isEqualTo("ThreadPerTaskExecutor");
    }

    private static String probe(String mode, String... jvmArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:ActiveProcessorCount=2"));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** Prints which executor CompletableFuture's async steps use. */
    public static class Probe {
        public static void main(String[] args) {
            if (args[0].equals("set")) {
                GatewayApplication.commonPoolOfAtLeastTwo();
            }
            System.out.print(new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName());
        }
    }
}
