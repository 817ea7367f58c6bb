package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.callback.CallbackRoutes;
import io.wagateway.callback.CallbackSender;
import io.wagateway.config.GatewayProperties;
import io.wagateway.event.GatewayEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Prepares one event for the {@code whatsapp.events} address (JSON body, properties for selectors) and, when its
 * app has a callback URL, names that app's callback queue.
 */
@Component("eventPublisher")
public class EventPublisher {

    /** Exchange property: the app's callback queue, when the event goes to a callback too. */
    public static final String CALLBACK_QUEUE = "gwCallbackQueue";

    private final ObjectMapper mapper;
    private final GatewayProperties properties;
    private final MeterRegistry meters;

    public EventPublisher(ObjectMapper mapper, GatewayProperties properties, MeterRegistry meters) {
        this.mapper = mapper;
        this.properties = properties;
        this.meters = meters;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        GatewayEvent event = exchange.getIn().getBody(GatewayEvent.class);
        meters.counter("gateway.events", "type", event.type(),
                "status", event.message() == null ? "" : event.message().status().name()).increment();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader("type", event.type());
        exchange.getIn().setHeader("app", event.app());
        exchange.getIn().setHeader("sender", event.sender());
        if (event.message() != null) {
            exchange.getIn().setHeader("status", event.message().status().name());
        }
        exchange.getIn().setHeader(CallbackSender.RECEIVED_AT, event.receivedAt().toEpochMilli());
        exchange.getIn().setBody(mapper.writeValueAsString(event));
        GatewayProperties.App app = event.app() == null ? null : properties.apps().get(event.app());
        if (app != null && app.callback() != null && app.callback().url() != null) {
            exchange.setProperty(CALLBACK_QUEUE, CallbackRoutes.QUEUE_PREFIX + event.app());
            // one group per contact: the app gets a contact's events in order
            exchange.getIn().setHeader("JMSXGroupID", event.app() + "|" + contactKey(event));
        }
    }

    private static String contactKey(GatewayEvent event) {
        GatewayEvent.Contact c = event.contact();
        if (c == null) {
            return "-";
        }
        return c.phone() != null ? c.phone().replace("+", "") : c.waId() != null ? c.waId() : String.valueOf(c.userId());
    }
}
