package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** platform-http routes run on Tomcat's request thread, so Tomcat's thread limit is the one that bounds intake. */
class RequestThreadTest extends E2eTestBase {

    @Autowired
    CamelContext camel;

    @Test
    void aRouteRunsOnTheThreadThatTookTheRequest() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/test/thread-name").setBody(simple("${threadName}"));
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/test/thread-name")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("http-nio-");
    }
}
