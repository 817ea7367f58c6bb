package io.wagateway.connector.webex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook door: {@code x-hub-signature} checked before anything is read. Expected signatures are computed here
 * with the JDK directly, not with the connector's own code.
 */
class WebexWebhookDoorTest {

    private static final String SECRET = "abcdefgh1234567890ijklmnoqrstuvwxyz";

    private final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());

    static String hmac(String algorithm, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> posts() {
        byte[] body = WebexFixtures.bytes("webhook-dr-submitted.json");
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[body.length / 2] ^= 1;
        byte[] compact = "{\"event\":\"MO\",\"appId\":\"a_1\",\"waid\":\"447911123456\",\"message\":\"Hello world\",\"tid\":\"t-1\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] pretty = "{\n  \"event\": \"MO\",\n  \"appId\": \"a_1\",\n  \"waid\": \"447911123456\",\n  \"message\": \"Hello world\",\n  \"tid\": \"t-1\"\n}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] spaceInText = "{\"event\":\"MO\",\"appId\":\"a_1\",\"waid\":\"447911123456\",\"message\":\"Helloworld\",\"tid\":\"t-1\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] malformed = "{\"deliveryInfoNotification\":{".getBytes(StandardCharsets.UTF_8);
        String sha256 = hmac("HmacSHA256", body, SECRET);
        return Stream.of(
                Arguments.of("sha256= prefix", "sha256", body, "sha256=" + sha256, 200, 1),
                Arguments.of("bare hex", "sha256", body, sha256, 200, 1),
                Arguments.of("upper-case hex", "sha256", body, sha256.toUpperCase(Locale.ROOT), 200, 1),
                Arguments.of("algorithm unset means sha256", null, body, sha256, 200, 1),
                Arguments.of("sha512 configured", "sha512", body, "sha512=" + hmac("HmacSHA512", body, SECRET), 200, 1),
                Arguments.of("sha512 configured, bare hex", "SHA-512", body, hmac("HmacSHA512", body, SECRET), 200, 1),
                Arguments.of("signed over the body without white space", "sha256", pretty,
                        hmac("HmacSHA256", compact, SECRET), 200, 1),
                Arguments.of("missing signature", "sha256", body, null, 400, 0),
                Arguments.of("empty signature", "sha256", body, " ", 400, 0),
                Arguments.of("signed with another secret", "sha256", body, hmac("HmacSHA256", body, "not-the-secret"), 400, 0),
                Arguments.of("tampered body", "sha256", tampered, sha256, 400, 0),
                Arguments.of("white space removed inside a string is tampering", "sha256", spaceInText,
                        hmac("HmacSHA256", compact, SECRET), 400, 0),
                Arguments.of("sha256 signature where sha512 is configured", "sha512", body, sha256, 400, 0),
                Arguments.of("sha512 signature where sha256 is configured", "sha256", body,
                        hmac("HmacSHA512", body, SECRET), 400, 0),
                Arguments.of("prefix naming another algorithm", "sha256", body, "sha1=" + sha256, 400, 0),
                Arguments.of("not hex", "sha256", body, "sha256=" + "z".repeat(64), 400, 0),
                Arguments.of("malformed JSON, signed", "sha256", malformed, hmac("HmacSHA256", malformed, SECRET), 400, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    void checksTheSignatureBeforeReadingTheBody(String name, String algorithm, byte[] body, String signature,
                                                int status, int events) {
        Map<String, String> settings = new HashMap<>(Map.of(WebexConnectConnector.HUB_SECRET, SECRET));
        if (algorithm != null) {
            settings.put(WebexConnectConnector.HUB_ALGORITHM, algorithm);
        }

        WebhookResult result = connector.handleWebhook(post(body, signature), instance(settings));

        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.accepted()).isEqualTo(status == 200);
        assertThat(result.events()).hasSize(events);
    }

    static Stream<Arguments> notConfigured() {
        return Stream.of(
                Arguments.of("no hub secret", Map.of()),
                Arguments.of("empty hub secret", Map.of(WebexConnectConnector.HUB_SECRET, "")),
                Arguments.of("unknown algorithm", Map.of(WebexConnectConnector.HUB_SECRET, SECRET,
                        WebexConnectConnector.HUB_ALGORITHM, "md5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notConfigured")
    void withoutAUsableSecretNothingIsAcceptedAndWebexWillRetry(String name, Map<String, String> settings) {
        byte[] body = WebexFixtures.bytes("webhook-dr-submitted.json");

        WebhookResult result = connector.handleWebhook(post(body, hmac("HmacSHA256", body, SECRET)), instance(settings));

        assertThat(result.accepted()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void theTestCallWebexMakesBeforeSavingGetsOk() {
        for (String method : new String[] {"HEAD", "GET"}) {
            WebhookResult result = connector.handleWebhook(new WebhookRequest(method, Map.of(), Map.of(), new byte[0]),
                    instance(Map.of()));

            assertThat(result.httpStatus()).isEqualTo(200);
            assertThat(result.events()).isEmpty();
        }
    }

    @Test
    void otherMethodsAreRefused() {
        WebhookResult result = connector.handleWebhook(new WebhookRequest("PUT", Map.of(), Map.of(), new byte[0]),
                instance(Map.of(WebexConnectConnector.HUB_SECRET, SECRET)));

        assertThat(result).isEqualTo(WebhookResult.refused(405, "method not allowed"));
    }

    @Test
    void describesItself() {
        assertThat(connector.type()).isEqualTo("webex-connect");
        assertThat(connector.secretSettings()).containsExactlyInAnyOrder("service-key", "jwt", "hub-secret");
        assertThat(connector.capabilities().contentTypes()).containsExactlyInAnyOrder(ContentType.TEXT, ContentType.IMAGE,
                ContentType.VIDEO, ContentType.AUDIO, ContentType.DOCUMENT, ContentType.STICKER, ContentType.LOCATION,
                ContentType.CONTACTS, ContentType.TEMPLATE, ContentType.BUTTONS, ContentType.LIST);
        assertThat(connector.capabilities().readReceipts()).isTrue();
        assertThat(connector.capabilities().businessScopedUserIds()).isTrue();
    }

    private static WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("x-hub-signature", signature);
        }
        return new WebhookRequest("POST", headers, Map.of(), body);
    }

    private static ConnectorInstance instance(Map<String, String> settings) {
        return new ConnectorInstance("webex-test", WebexConnectConnector.TYPE, settings);
    }
}
