package io.wagateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Creates the folder of the embedded database file before anything connects: SQLite creates the file, not folders. */
@Component
class SqliteFolder implements BeanPostProcessor {

    private static final String SQLITE = "jdbc:sqlite:";

    private final Environment environment;

    SqliteFolder(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource)) {
            return bean;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith(SQLITE)) {
            Path folder = Path.of(url.substring(SQLITE.length()).split("\\?", 2)[0]).toAbsolutePath().getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database folder " + folder, e);
            }
        }
        return bean;
    }
}
