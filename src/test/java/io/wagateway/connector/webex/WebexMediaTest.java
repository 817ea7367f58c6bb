package io.wagateway.connector.webex;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.MediaDownload;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound media: the pre-signed URL from the webhook, fetched without our credentials. */
class WebexMediaTest {

    private static final String MEDIA = "/v1/download-media?exp=1778231702&sig=c2ln&id=img-1";
    private static WireMockServer storage;
    private final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());
    private final ConnectorInstance instance = new ConnectorInstance("webex-test", WebexConnectConnector.TYPE,
            Map.of(WebexConnectConnector.SERVICE_KEY, "svc-key-never-sent", WebexConnectConnector.JWT, "eyJ.never.sent"));

    @BeforeAll
    static void start() {
        storage = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        storage.start();
    }

    @AfterAll
    static void stop() {
        storage.stop();
    }

    @BeforeEach
    void reset() {
        storage.resetAll();
    }

    @Test
    void streamsTheFileWithItsTypeAndNoCredentials() throws Exception {
        storage.stubFor(get(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withHeader("Content-Length", "4")
                .withHeader("Content-Disposition", "attachment; filename=\"broken-part.jpg\"")
                .withBody(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01})));

        MediaDownload download = connector.fetchMedia(storage.baseUrl() + MEDIA, instance);

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).containsExactly(0xFF, 0xD8, 0xFF, 0x01);
        }
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(download.contentLength()).isEqualTo(4);
        assertThat(download.filename()).isEqualTo("broken-part.jpg");
        storage.verify(1, getRequestedFor(urlEqualTo(MEDIA)).withHeader("key", absent())
                .withHeader("Authorization", absent()));
    }

    @Test
    void followsTheSignedLinkToTheStorageHost() throws Exception {
        storage.stubFor(get(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", storage.baseUrl() + "/bucket/img-1.jpg")));
        storage.stubFor(get(urlEqualTo("/bucket/img-1.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(new byte[] {1, 2, 3})));

        MediaDownload download = connector.fetchMedia(storage.baseUrl() + MEDIA, instance);

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void anExpiredLinkFails() {
        storage.stubFor(get(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> connector.fetchMedia(storage.baseUrl() + MEDIA, instance))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("HTTP 403");
    }

    @Test
    void onlyWebUrlsAreFetched() {
        assertThatThrownBy(() -> connector.fetchMedia("file:///etc/passwd", instance))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> connector.fetchMedia("not a url", instance))
                .isInstanceOf(UncheckedIOException.class);
    }
}
