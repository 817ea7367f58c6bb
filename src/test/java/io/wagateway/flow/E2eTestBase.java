package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway (profile e2e) wired to a WireMock "Meta", shared by the end-to-end test classes: Spring caches the
 * context, so they pay for one start-up. Every event they cause must match the published schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("e2e")
abstract class E2eTestBase {

    static final WireMockServer meta = MetaStub.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gateway.connectors.meta-test.base-url", meta::baseUrl);
        registry.add("gateway.data-dir", Files.createTempDirectory("gw-e2e")::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ConnectionFactory connectionFactory;

    GatewayClient gateway;
    EventCollector events;

    @BeforeEach
    void connect() throws Exception {
        gateway = new GatewayClient(port);
        events = new EventCollector(connectionFactory);
    }

    @AfterEach
    void checkEvents() throws Exception {
        events.close();
        assertThat(events.schemaViolations()).isEmpty();
    }
}
