package io.wagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.validation.SendRequestReader;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ApiConfiguration {

    @Bean
    SendRequestReader sendRequestReader(ObjectMapper mapper) {
        return new SendRequestReader(mapper);
    }

    /**
     * Camel's default engine hands every request from Tomcat's thread to Spring's task executor (8 threads shared
     * by the API and all webhooks) and back, and then through Spring MVC a second time; see {@link RequestThreadEngine}.
     */
    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME) // the name Camel looks the engine up by
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new RequestThreadEngine(port);
    }
}
