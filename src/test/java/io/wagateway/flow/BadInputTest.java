package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile and careless input, as a table: each gets a clear problem document, and nothing is stored or sent.
 * Every body carries a marker, so a leak to the provider would show in WireMock's journal.
 */
class BadInputTest extends E2eTestBase {

    @Autowired
    JdbcTemplate jdbc;

    /** The marker goes into the reference and into any text, which is what would reach the provider's wire. */
    static String message(String marker, String to, String content) {
        return "{\"from\":\"acme\",\"to\":\"" + to + "\",\"clientReference\":\"" + marker + "\",\"content\":"
                + content.replace("\"body\":\"hi\"", "\"body\":\"hi " + marker + "\"") + "}";
    }

    static String nested(int depth) {
        return "{\"from\":\"acme\",\"to\":\"+447911123456\",\"content\":{\"type\":\"text\",\"body\":\"deep\"},"
                + "\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    static Stream<Arguments> cases() {
        String buttons = "{\"type\":\"buttons\",\"body\":\"pick\",\"buttons\":[{\"id\":\"1\",\"title\":\"a\"},"
                + "{\"id\":\"2\",\"title\":\"b\"},{\"id\":\"3\",\"title\":\"c\"},{\"id\":\"4\",\"title\":\"d\"}]}";
        return Stream.of(
                Arguments.of("malformed JSON", "shop-key", "application/json", "{\"from\":\"acme\",", 400, null),
                Arguments.of("not an object", "shop-key", "application/json", "[1,2]", 400, null),
                Arguments.of("deep nesting", "shop-key", "application/json", nested(200), 400, null),
                Arguments.of("over the size limit", "shop-key", "application/json",
                        message("big", "+447911123456", "{\"type\":\"text\",\"body\":\"" + "x".repeat(300_000)
                                + "\"}"), 413, null),
                Arguments.of("unknown content type", "shop-key", "application/json",
                        message("unknown-type", "+447911123456", "{\"type\":\"hologram\"}"), 400, "content.type"),
                Arguments.of("four buttons", "shop-key", "application/json",
                        message("four-buttons", "+447911123456", buttons), 400, "content.buttons"),
                Arguments.of("text over 4096", "shop-key", "application/json",
                        message("long-text", "+447911123456", "{\"type\":\"text\",\"body\":\"" + "y".repeat(4097)
                                + "\"}"), 400, "content.body"),
                Arguments.of("missing content", "shop-key", "application/json",
                        "{\"from\":\"acme\",\"to\":\"+447911123456\",\"clientReference\":\"no-content\"}", 400,
                        "content"),
                Arguments.of("missing recipient", "shop-key", "application/json",
                        "{\"from\":\"acme\",\"clientReference\":\"no-to\",\"content\":{\"type\":\"text\","
                                + "\"body\":\"hi\"}}", 400, "to"),
                Arguments.of("invalid number", "shop-key", "application/json",
                        message("bad-number", "+999123456789", "{\"type\":\"text\",\"body\":\"hi\"}"), 400, "to"),
                Arguments.of("letters for a number", "shop-key", "application/json",
                        message("letters", "call-me", "{\"type\":\"text\",\"body\":\"hi\"}"), 400, "to"),
                Arguments.of("wrong media type", "shop-key", "text/plain",
                        message("plain", "+447911123456", "{\"type\":\"text\",\"body\":\"hi\"}"), 415, null),
                Arguments.of("unknown sender", "shop-key", "application/json",
                        message("nobody", "+447911123456", "{\"type\":\"text\",\"body\":\"hi\"}")
                                .replace("\"acme\"", "\"nobody\""), 403, null),
                Arguments.of("no API key", null, "application/json",
                        message("no-key", "+447911123456", "{\"type\":\"text\",\"body\":\"hi\"}"), 401, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndLeavesNoTrace(String name, String key, String contentType, String body, int status,
                                              String field) throws Exception {
        long before = count();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }

        GatewayClient.Reply reply = gateway.raw(request.build());

        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(reply.json().get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).startsWith(field));
        }
        Thread.sleep(200);
        assertThat(count()).isEqualTo(before);
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\"clientReference\":\"([^\"]+)\"")
                .matcher(body);
        if (reference.find()) {
            meta.verify(0, postRequestedFor(urlPathMatching(".*/messages"))
                    .withRequestBody(containing(reference.group(1))));
        }
    }

    private long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM messages", Long.class);
    }
}
