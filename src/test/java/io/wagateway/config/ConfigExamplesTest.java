package io.wagateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.cm.CmConnector;
import io.wagateway.connector.meta.MetaCloudConnector;
import io.wagateway.connector.webex.WebexConnectConnector;
import io.wagateway.pipeline.ConnectorRegistry;
import io.wagateway.simulator.ProviderSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/** Every file in config/examples binds and is consistent: what ops copy from there starts a gateway. */
class ConfigExamplesTest {

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("config/examples")).filter(p -> p.toString().endsWith(".yml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void bindsAndEverySenderAndAppIsWired(Path example) throws IOException {
        // environment placeholders (secrets) get a stand-in value
        String yaml = Files.readString(example).replaceAll("\\$\\{[^}]+}", "placeholder");
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load(example.toString(), new ByteArrayResource(yaml.getBytes()))
                .forEach(source -> environment.getPropertySources().addFirst(source));
        GatewayProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("gateway", GatewayProperties.class);

        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        ProviderSimulator simulator = new ProviderSimulator(properties, environment, List.of());
        ConnectorRegistry registry = new ConnectorRegistry(properties,
                List.of(new MetaCloudConnector(mapper), new CmConnector(mapper), new WebexConnectConnector(mapper)),
                simulator);

        assertThat(properties.senders()).isNotEmpty();
        properties.senders().keySet().forEach(sender -> assertThat(registry.route(sender)).as(sender).isPresent());
        properties.apps().values().forEach(app -> assertThat(properties.senders().keySet())
                .containsAll(app.senders()));
    }
}
