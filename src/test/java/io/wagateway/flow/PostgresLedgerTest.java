package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.wagateway.GatewayApplication;
import io.wagateway.store.TestPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway with its ledger on PostgreSQL (configuration only), on a server the test starts from the machine's
 * PostgreSQL: its own migrations, the idempotency and dedupe inserts, the rate buckets' row locks, and times kept to
 * the microsecond, which differ from the embedded ledger (SqlDialect).
 */
class PostgresLedgerTest {

    static final String PHONE = "+447911123598";

    final WireMockServer meta = MetaStub.start();

    @BeforeAll
    static void needsPostgres() {
        Assumptions.assumeTrue(TestPostgres.installed(), "PostgreSQL is not installed");
    }

    @AfterEach
    void stop() {
        meta.stop();
    }

    @Test
    void aMessageGoesFromAcceptedToReadWithItsLedgerOnPostgres() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("e2e").run("--server.port=0",
                        "--gateway.data-dir=" + Files.createTempDirectory("gw-pg"),
                        "--spring.datasource.url=" + TestPostgres.newDatabase(),
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=",
                        "--gateway.connectors.meta-test.base-url=" + meta.baseUrl())) {
            GatewayClient gateway = new GatewayClient(
                    ((WebServerApplicationContext) context).getWebServer().getPort());

            Map<String, String> key = Map.of("Idempotency-Key", "pg-order-1");
            GatewayClient.Reply accepted = gateway.send("shop-key", GatewayFlowTest.text(PHONE, "On PostgreSQL"), key);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            String id = accepted.json().get("id").asText();
            GatewayClient.Reply replayed = gateway.send("shop-key", GatewayFlowTest.text(PHONE, "On PostgreSQL"), key);
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.json().get("id").asText()).isEqualTo(id);

            await().atMost(Duration.ofSeconds(15)).until(() -> status(gateway, id).equals("SUBMITTED"));
            String wamid = "wamid.T-" + id;
            long t = Instant.now().getEpochSecond();
            for (String receipt : List.of(MetaStub.statusWebhook(wamid, "sent", t + 1, id),
                    MetaStub.statusWebhook(wamid, "delivered", t + 2, id),
                    MetaStub.statusWebhook(wamid, "read", t + 3, id),
                    MetaStub.statusWebhook(wamid, "read", t + 3, id))) { // a provider's retry: recorded once
                assertThat(gateway.webhook("meta-test", receipt, MetaStub.sign(receipt)).status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> status(gateway, id).equals("READ"));

            JsonNode listed = gateway.get("shop-key", "/v1/messages?clientReference=order-4711").json()
                    .get("messages");
            assertThat(listed).hasSize(1);
            JsonNode message = listed.get(0);
            assertThat(message.get("id").asText()).isEqualTo(id);
            assertThat(message.get("providerMessageId").asText()).isEqualTo(wamid);
            List<String> history = new ArrayList<>();
            message.get("history").forEach(h -> history.add(h.get("status").asText() + " " + h.get("at").asText()));
            assertThat(history).hasSize(5);
            assertThat(history.subList(0, 2)).extracting(h -> h.split(" ")[0])
                    .containsExactly("ACCEPTED", "SUBMITTED");
            assertThat(history.subList(2, 5)).containsExactly("SENT " + Instant.ofEpochSecond(t + 1),
                    "DELIVERED " + Instant.ofEpochSecond(t + 2), "READ " + Instant.ofEpochSecond(t + 3));
            assertThat(Instant.parse(message.get("acceptedAt").asText()))
                    .isEqualTo(Instant.parse(accepted.json().get("acceptedAt").asText()));

            // the app's own rate (one a second) is a row in rate_buckets, taken under a row lock
            String limited = "{\"from\":\"acme-limited\",\"to\":\"" + PHONE + "\",\"content\":{\"type\":\"text\","
                    + "\"body\":\"limited\"}}";
            assertThat(gateway.send("limited-key", limited).status()).isEqualTo(202);
            assertThat(gateway.send("limited-key", limited).status()).isEqualTo(429);
        }
    }

    private static String status(GatewayClient gateway, String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }
}
