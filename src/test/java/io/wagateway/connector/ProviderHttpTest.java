package io.wagateway.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {

    private WireMockServer provider;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void answersAreReadOnTheClientsSelectorThreadNotHandedToAWorker() throws Exception {
        provider.stubFor(post(urlEqualTo("/send")).willReturn(aResponse().withStatus(200).withBody("{}")));
        HttpClient client = ProviderHttp.newClient(Duration.ofSeconds(2));
        AtomicReference<String> readOn = new AtomicReference<>();

        HttpRequest send = HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/send"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> answer = client.sendAsync(send, info -> {
                    readOn.set(Thread.currentThread().getName());
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                }).get(5, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(200);
        // the JDK's default pool would take it over on "HttpClient-<n>-Worker-<m>", one hand-off more per call
        assertThat(readOn.get()).matches("HttpClient-\\d+-SelectorManager");
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    }
}
