package io.wagateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README walkthrough on the embedded defaults: the demo app sends through the built-in simulator and the
 * message reaches READ with no account; a number ending in 99 fails as outside the service window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.simulator.receipt-delay=50ms")
class SimulatorWalkthroughTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gateway.data-dir", Files.createTempDirectory("gw-sim")::toString);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void demoMessageReachesReadThroughTheSimulator() throws Exception {
        String id = send("demo", "+447911123456").get("id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> message(id).get("status").asText().equals("READ"));
        JsonNode message = message(id);
        assertThat(message.get("final").asBoolean()).isTrue();
        assertThat(message.get("connector").asText()).isEqualTo("meta-sim");
        assertThat(message.get("providerMessageId").asText()).startsWith("wamid.");
        assertThat(message.get("pricing").get("category").asText()).isEqualTo("service");
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(h -> statuses.add(h.get("status").asText()));
        assertThat(statuses).containsExactly("ACCEPTED", "SUBMITTED", "SENT", "DELIVERED", "READ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-cm", "demo-webex"})
    void theOtherProvidersSimulatorsReachReadToo(String sender) throws Exception {
        String id = send(sender, "+447911123457").get("id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> message(id).get("status").asText().equals("READ"));
        assertThat(message(id).get("connector").asText()).isEqualTo(sender.equals("demo-cm") ? "cm-sim" : "webex-sim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "demo-cm", "demo-webex"})
    void numberEndingIn99FailsOutsideTheServiceWindow(String sender) throws Exception {
        String id = send(sender, "+447911123499").get("id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> message(id).get("status").asText().equals("FAILED"));
        JsonNode error = message(id).get("error");
        assertThat(error.get("category").asText()).isEqualTo("OUTSIDE_SERVICE_WINDOW");
    }

    private JsonNode send(String from, String to) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages"))
                .header("Authorization", "Bearer demo-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"from":"%s","to":"%s","content":{"type":"text","body":"Hello from the walkthrough"}}"""
                        .formatted(from, to))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return mapper.readTree(response.body());
    }

    private JsonNode message(String id) throws Exception {
        return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages/" + id))
                .header("Authorization", "Bearer demo-key").GET().build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
