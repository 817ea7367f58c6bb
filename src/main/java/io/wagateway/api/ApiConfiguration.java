package io.wagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.validation.SendRequestReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ApiConfiguration {

    @Bean
    SendRequestReader sendRequestReader(ObjectMapper mapper) {
        return new SendRequestReader(mapper);
    }
}
