package io.wagateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's platform-http engine for Spring Boot, with routes run on Tomcat's request thread and answered there.
 *
 * <p>Camel's own consumer hands each request to an executor and returns a future, which puts Spring MVC into
 * asynchronous mode: the request is dispatched a second time through the servlet filters and the dispatcher
 * servlet once the route is done (docs/benchmarks.md, run F). This consumer runs the route in place and returns no
 * future, so Spring answers in the first pass. The API and webhooks are bounded by Tomcat's threads
 * ({@code server.tomcat.threads.max}).
 */
class RequestThreadEngine extends SpringBootPlatformHttpEngine {

    RequestThreadEngine(int port) {
        super(port, Runnable::run);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new Consumer(endpoint, processor);
    }

    static final class Consumer extends SpringBootPlatformHttpConsumer {

        private static final Logger log = LoggerFactory.getLogger(Consumer.class);

        Consumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /** Spring MVC treats the null future as "response already written". */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                // the route's own error handling answers every failure it knows; this is the last resort
                log.warn("request to {} failed: {}", request.getRequestURI(), e.toString());
                if (!response.isCommitted()) {
                    try {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    } catch (IOException ignored) {
                        // the client has gone
                    }
                }
            }
            return null;
        }
    }
}
