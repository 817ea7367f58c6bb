package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * platform-http routes run on Tomcat's request thread, so Tomcat's thread limit is the one that bounds intake, and
 * they are answered there, without Spring MVC's second (asynchronous) dispatch.
 */
class RequestThreadTest extends E2eTestBase {

    private static final String ROUTE = "test-thread-name";

    @Autowired
    CamelContext camel;

    @BeforeEach
    void threadNameRoute() throws Exception {
        if (camel.getRoute(ROUTE) == null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/test/thread-name").routeId(ROUTE).setBody(simple("${threadName}"));
                }
            });
        }
    }

    @Test
    void aRouteRunsOnTheThreadThatTookTheRequest() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/test/thread-name")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("http-nio-");
    }

    @Test
    void theResponseIsWrittenBeforeTheConsumerReturnsAndNoAsynchronousDispatchFollows() throws Exception {
        SpringBootPlatformHttpConsumer consumer = (SpringBootPlatformHttpConsumer)
                ((PlatformHttpConsumerAware) camel.getRoute(ROUTE).getConsumer()).getPlatformHttpConsumer();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/test/thread-name");
        MockHttpServletResponse response = new MockHttpServletResponse();

        // a future here would make Spring MVC start asynchronous processing and dispatch the request again
        assertThat(consumer.service(request, response)).isNull();
        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo(Thread.currentThread().getName());
    }
}
