package io.wagateway.connector.cm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CM signs nothing: the webhook secret must come as {@code ?secret=} or as the basic-auth password. */
class CmWebhookAuthTest {

    private static final String SECRET = "s3cr3t-Hook-2026";

    private final CmConnector connector = new CmConnector(new ObjectMapper());

    static Stream<Arguments> calls() {
        byte[] delivered = CmFixtures.bytes("status-delivered.json");
        byte[] malformed = "{\"messages\":".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("secret in the query", delivered, Map.of("secret", SECRET), null, SECRET, 200, 1),
                Arguments.of("basic auth password", delivered, Map.of(), basic("cm", SECRET), SECRET, 200, 1),
                Arguments.of("basic auth, empty user, lower-case scheme", delivered, Map.of(),
                        "basic " + base64(":" + SECRET), SECRET, 200, 1),
                Arguments.of("password with a colon", delivered, Map.of(), basic("cm", "a:b"), "a:b", 200, 1),
                Arguments.of("wrong query secret, right basic password", delivered, Map.of("secret", "guess"),
                        basic("cm", SECRET), SECRET, 200, 1),
                Arguments.of("wrong query secret", delivered, Map.of("secret", "guess"), null, SECRET, 401, 0),
                Arguments.of("secret differing only in case", delivered, Map.of("secret", SECRET.toUpperCase()), null,
                        SECRET, 401, 0),
                Arguments.of("secret with a trailing space", delivered, Map.of("secret", SECRET + " "), null, SECRET,
                        401, 0),
                Arguments.of("no credentials", delivered, Map.of(), null, SECRET, 401, 0),
                Arguments.of("secret as the basic user name", delivered, Map.of(), basic(SECRET, "x"), SECRET, 401, 0),
                Arguments.of("basic without a colon", delivered, Map.of(), "Basic " + base64(SECRET), SECRET, 401, 0),
                Arguments.of("basic not base64", delivered, Map.of(), "Basic %%%", SECRET, 401, 0),
                Arguments.of("bearer token", delivered, Map.of(), "Bearer " + SECRET, SECRET, 401, 0),
                Arguments.of("malformed body, wrong secret: refused before reading", malformed,
                        Map.of("secret", "guess"), null, SECRET, 401, 0),
                Arguments.of("malformed body, right secret", malformed, Map.of("secret", SECRET), null, SECRET, 400, 0),
                Arguments.of("no webhook-secret configured", delivered, Map.of("secret", SECRET), null, "", 500, 0),
                Arguments.of("no webhook-secret configured, empty secret given", delivered, Map.of("secret", ""), null,
                        null, 500, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void authenticatesBeforeAnythingElse(String name, byte[] body, Map<String, String> query, String authorization,
                                         String configured, int status, int events) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        Map<String, String> settings = new HashMap<>(Map.of(CmConnector.PRODUCT_TOKEN, "unused"));
        settings.put(CmConnector.WEBHOOK_SECRET, configured);

        WebhookResult result = connector.handleWebhook(new WebhookRequest("POST", headers, query, body),
                new ConnectorInstance("cm-test", CmConnector.TYPE, settings));

        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.accepted()).isEqualTo(status == 200);
        assertThat(result.events()).hasSize(events);
    }

    private static String basic(String user, String password) {
        return "Basic " + base64(user + ":" + password);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
