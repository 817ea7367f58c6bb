package io.wagateway.connector.cm;

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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.wagateway.connector.ConnectorInstance;
import java.time.Instant;
import io.wagateway.model.InboundContent;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.SenderConfig;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound media streamed from CM's file proxy, and CM's MarkAsRead event. */
class CmMediaAndReadTest {

    private static final String TOKEN = CmConnectorSendTest.TOKEN;
    private static final String WAMID = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEMwRkZFRTAxMjM0NTY3ODkA";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private static WireMockServer cm;
    private static WireMockServer elsewhere;
    private final CmConnector connector = new CmConnector(new ObjectMapper());

    @BeforeAll
    static void start() {
        cm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cm.start();
        elsewhere.start();
    }

    @AfterAll
    static void stop() {
        cm.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        cm.resetAll();
        elsewhere.resetAll();
    }

    // --- media -----------------------------------------------------------------------------------------------------

    @Test
    void streamsAFileFromCmsHostWithTheProductToken() throws Exception {
        cm.stubFor(get(urlEqualTo("/fileproxy/files/7f3e2d1c0b9a")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg")
                .withHeader("Content-Disposition", "inline; filename=\"lid.jpg\"")
                .withHeader("Content-Length", String.valueOf(JPEG.length))
                .withBody(JPEG)));

        MediaDownload download = connector.fetchMedia(cm.baseUrl() + "/fileproxy/files/7f3e2d1c0b9a", instance(Map.of()));

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(download.contentLength()).isEqualTo(JPEG.length);
        assertThat(download.filename()).isEqualTo("lid.jpg");
        cm.verify(getRequestedFor(urlEqualTo("/fileproxy/files/7f3e2d1c0b9a"))
                .withHeader("X-CM-PRODUCTTOKEN", equalTo(TOKEN)));
    }

    @Test
    void neverSendsTheTokenToAnotherHost() throws Exception {
        elsewhere.stubFor(get(urlEqualTo("/f/1")).willReturn(aResponse().withStatus(200).withBody(JPEG)));

        try (InputStream body = connector.fetchMedia(elsewhere.baseUrl() + "/f/1", instance(Map.of())).body()) {
            assertThat(body.readAllBytes()).isEqualTo(JPEG);
        }
        elsewhere.verify(getRequestedFor(urlEqualTo("/f/1")).withoutHeader("X-CM-PRODUCTTOKEN"));
    }

    @Test
    void anExpiredFileIsAnError() {
        cm.stubFor(get(urlEqualTo("/fileproxy/files/gone")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> connector.fetchMedia(cm.baseUrl() + "/fileproxy/files/gone", instance(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("404");
    }

    @Test
    void aReferenceThatIsNotAWebUrlIsRefusedWithoutACall() {
        assertThatThrownBy(() -> connector.fetchMedia("file:///etc/passwd", instance(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        cm.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- mark as read ----------------------------------------------------------------------------------------------

    static ProviderEvent.Inbound inboundFrom(String phone, String waId) {
        return new ProviderEvent.Inbound(WAMID, SenderRef.number("+31610002000"),
                new ContactRef(phone, waId, null, null, null), Instant.now(), InboundContent.text("hi"), null);
    }

    @Test
    void postsMarkAsReadWithTheUserWhoWrote() {
        cm.stubFor(post(urlEqualTo("/v1.0/event")).willReturn(aResponse().withStatus(200)));

        connector.markRead(inboundFrom("+447911123456", "447911123456"), instance(Map.of()), CmConnectorSendTest.SENDER);

        cm.verify(1, postRequestedFor(urlEqualTo("/v1.0/event"))
                .withHeader("X-CM-PRODUCTTOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"channel":"WhatsApp",
                         "event":{"type":"MarkAsRead","custom":{"message_id":"%s"}},
                         "from":{"number":"0031610002000"},
                         "to":{"number":"00447911123456"}}
                        """.formatted(WAMID))));
    }

    @Test
    void aFailedReadMarkIsNotThrown() {
        cm.stubFor(post(urlEqualTo("/v1.0/event")).willReturn(aResponse().withStatus(500)));

        connector.markRead(inboundFrom("+447911123456", "447911123456"), instance(Map.of()), CmConnectorSendTest.SENDER);

        cm.verify(1, postRequestedFor(urlEqualTo("/v1.0/event")));
    }

    @Test
    void withoutAUserNumberOrTokenNoReadMarkIsSent() {
        connector.markRead(inboundFrom(null, null), instance(Map.of()), CmConnectorSendTest.SENDER);
        connector.markRead(inboundFrom("+447911123456", null), instance(Map.of(CmConnector.PRODUCT_TOKEN, "")),
                CmConnectorSendTest.SENDER);
        connector.markRead(inboundFrom(null, "447911123456"), instance(Map.of()),
                new SenderConfig("shop", null, "cm-test", null, null, null, 50, false, true, Map.of()));

        cm.verify(0, anyRequestedFor(anyUrl()));
    }


    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                CmConnector.BASE_URL, cm.baseUrl(),
                CmConnector.PRODUCT_TOKEN, TOKEN,
                CmConnector.WEBHOOK_SECRET, "hook-secret"));
        settings.putAll(overrides);
        return new ConnectorInstance("cm-test", CmConnector.TYPE, settings);
    }
}
