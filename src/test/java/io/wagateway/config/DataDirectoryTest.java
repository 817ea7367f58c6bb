package io.wagateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryTest {

    @Test
    void aRelativeDataDirectoryBecomesAbsolute() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("gateway.data-dir", "data")));

        new DataDirectory().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("gateway.data-dir"))
                .isEqualTo(Path.of("data").toAbsolutePath().normalize().toString());
    }

    @Test
    void theDefaultIsDataInTheWorkingDirectory() {
        StandardEnvironment environment = new StandardEnvironment();

        new DataDirectory().postProcessEnvironment(environment, null);

        String dataDir = environment.getProperty("gateway.data-dir");
        assertThat(Path.of(dataDir).isAbsolute()).isTrue();
        assertThat(Path.of(dataDir).getFileName().toString()).isEqualTo("data");
    }
}
