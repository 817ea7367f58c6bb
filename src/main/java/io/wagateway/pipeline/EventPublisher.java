package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.event.GatewayEvent;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Prepares one event for the {@code whatsapp.events} address: JSON body, and properties for selectors. */
@Component("eventPublisher")
public class EventPublisher {

    private final ObjectMapper mapper;

    public EventPublisher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        GatewayEvent event = exchange.getIn().getBody(GatewayEvent.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader("type", event.type());
        exchange.getIn().setHeader("app", event.app());
        exchange.getIn().setHeader("sender", event.sender());
        if (event.message() != null) {
            exchange.getIn().setHeader("status", event.message().status().name());
        }
        exchange.getIn().setBody(mapper.writeValueAsString(event));
    }
}
