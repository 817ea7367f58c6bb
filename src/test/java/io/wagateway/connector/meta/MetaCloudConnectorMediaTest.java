package io.wagateway.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.MediaFetchException;
import java.time.Instant;
import io.wagateway.model.InboundContent;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.ProviderEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inbound media in two hops (lookup, then download, both with the token) and marking messages read. */
class MetaCloudConnectorMediaTest {

    private static final String TOKEN = "EAAG-media-token";
    private static final String MEDIA_ID = "1480207723001234";
    private static final String LOOKUP = "/v25.0/" + MEDIA_ID;
    private static final String FILE = "/whatsapp_business/attachments/";
    private static final byte[] BYTES = "not really a jpeg, but bytes all the same".getBytes(StandardCharsets.UTF_8);

    private static WireMockServer meta;
    private final MetaCloudConnector connector = new MetaCloudConnector(new ObjectMapper().findAndRegisterModules());

    @BeforeAll
    static void startMeta() {
        meta = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        meta.start();
    }

    @AfterAll
    static void stopMeta() {
        meta.stop();
    }

    @BeforeEach
    void reset() {
        meta.resetAll();
    }

    private static String lookupAnswer() {
        return """
                {"messaging_product":"whatsapp","url":"%s%s?mid=%s&ext=1767276000&hash=ATsim",
                 "mime_type":"image/jpeg","sha256":"u3XH7wqYcQeW0ZbC1Zqg2x9JpQm0D6fJw5mX1oQb0aE=",
                 "file_size":"%d","id":"%s"}""".formatted(meta.baseUrl(), FILE, MEDIA_ID, BYTES.length, MEDIA_ID);
    }

    @Test
    void looksTheMediaUpThenStreamsItWithTheTokenBothTimes() throws Exception {
        meta.stubFor(get(urlEqualTo(LOOKUP)).willReturn(json(200, lookupAnswer())));
        meta.stubFor(get(urlPathEqualTo(FILE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(BYTES)));

        MediaDownload download = connector.fetchMedia(MEDIA_ID, instance(Map.of()));

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).isEqualTo(BYTES);
        }
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(download.contentLength()).isEqualTo(BYTES.length);
        meta.verify(1, getRequestedFor(urlEqualTo(LOOKUP)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        meta.verify(1, getRequestedFor(urlPathEqualTo(FILE)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("mid", equalTo(MEDIA_ID)));
    }

    @Test
    void withoutALengthFromTheDownloadTheLookupsFileSizeStandsIn() throws Exception {
        meta.stubFor(get(urlEqualTo(LOOKUP)).willReturn(json(200, lookupAnswer())));
        meta.stubFor(get(urlPathEqualTo(FILE)).willReturn(aResponse().withStatus(200)
                .withChunkedDribbleDelay(2, 50).withBody(BYTES)));

        MediaDownload download = connector.fetchMedia(MEDIA_ID, instance(Map.of()));

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).isEqualTo(BYTES);
        }
        assertThat(download.contentLength()).isEqualTo(BYTES.length);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("unknown or expired id", json(400, """
                        {"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100}}"""),
                        null, true, "HTTP 400 (code 100 Unsupported get request.)"),
                Arguments.of("token refused", json(401, """
                        {"error":{"message":"(#190) Access token has expired","type":"OAuthException","code":190}}"""),
                        null, false, "HTTP 401 (code 190 Access token has expired)"),
                Arguments.of("Meta down", aResponse().withStatus(503), null, false, "HTTP 503 (no Graph error)"),
                Arguments.of("lookup without a url", json(200, "{\"id\":\"1\",\"mime_type\":\"image/jpeg\"}"), null,
                        false, "no usable download url"),
                Arguments.of("lookup with a url that is not http", json(200,
                        "{\"url\":\"file:///etc/passwd\",\"mime_type\":\"image/jpeg\"}"), null, false,
                        "no usable download url"),
                Arguments.of("lookup answer not JSON", json(200, "<html>"), null, false, "without a JSON object"),
                Arguments.of("download expired", null, aResponse().withStatus(404), true, "download answered HTTP 404"),
                Arguments.of("download refused", null, aResponse().withStatus(500), false,
                        "download answered HTTP 500"),
                Arguments.of("download connection reset", null, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        false, "media download failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsWithAClearMessage(String name, ResponseDefinitionBuilder lookup, ResponseDefinitionBuilder file,
                                boolean notFound, String message) {
        meta.stubFor(get(urlEqualTo(LOOKUP)).willReturn(lookup != null ? lookup : json(200, lookupAnswer())));
        meta.stubFor(get(urlPathEqualTo(FILE)).willReturn(file != null ? file : aResponse().withBody(BYTES)));

        assertThatThrownBy(() -> connector.fetchMedia(MEDIA_ID, instance(Map.of())))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> assertThat(e.notFound()).isEqualTo(notFound))
                .hasMessageContaining(message)
                .hasMessageNotContaining(TOKEN);
    }

    static Stream<Arguments> notConfigured() {
        return Stream.of(
                Arguments.of("no token", MEDIA_ID, Map.of(MetaCloudConnector.ACCESS_TOKEN, "")),
                Arguments.of("a media id that is a path", "../../me", Map.of()),
                Arguments.of("no media id", null, Map.of()),
                Arguments.of("base-url not a URL", MEDIA_ID, Map.of(MetaCloudConnector.BASE_URL, "simulator")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notConfigured")
    void refusesWithoutCallingWhenItCannotAsk(String name, String mediaId, Map<String, String> overrides) {
        assertThatThrownBy(() -> connector.fetchMedia(mediaId, instance(overrides)))
                .isInstanceOf(MediaFetchException.class);
        meta.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- mark as read ------------------------------------------------------------------------------------------------

    private static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", "meta-media",
            "104200000000117", null, null, 80, false, true, Map.of());
    private static final String MESSAGES = "/v25.0/104200000000117/messages";

    private static ProviderEvent.Inbound inbound(String wamid) {
        return new ProviderEvent.Inbound(wamid, SenderRef.phoneNumberId("104200000000117"),
                new ContactRef("+447911123456", "447911123456", null, null, null), Instant.now(),
                InboundContent.text("hi"), null);
    }

    @Test
    void marksAnInboundMessageRead() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(json(200, "{\"success\":true}")));

        connector.markRead(inbound("wamid.IN-READ-1"), instance(Map.of()), SENDER);

        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN-READ-1"}""")));
    }

    @Test
    void aFailedReadMarkIsNeverThrown() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(json(400, """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}""")));

        assertThatNoException().isThrownBy(() -> connector.markRead(inbound("wamid.IN-READ-2"), instance(Map.of()), SENDER));
        assertThatNoException().isThrownBy(() -> connector.markRead(inbound("wamid.IN-READ-3"),
                instance(Map.of(MetaCloudConnector.ACCESS_TOKEN, "")), SENDER));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(MetaCloudConnector.BASE_URL, meta.baseUrl(),
                MetaCloudConnector.ACCESS_TOKEN, TOKEN));
        settings.putAll(overrides);
        return new ConnectorInstance("meta-media", MetaCloudConnector.TYPE, settings);
    }
}
