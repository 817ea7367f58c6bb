package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagateway.broker.GroupSend;
import io.wagateway.callback.CallbackRoutes;
import io.wagateway.callback.CallbackSender;
import io.wagateway.config.GatewayProperties;
import io.wagateway.event.GatewayEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns events into broker messages: one for the events address, {@code gateway.events.address} (JSON body,
 * properties for selectors), and, when the event's app has a callback URL, one for that app's callback queue.
 */
@Component
public class EventPublisher {

    private final ObjectMapper mapper;
    private final GatewayProperties properties;
    private final MeterRegistry meters;
    private final GroupSend groupSend;

    public EventPublisher(ObjectMapper mapper, GatewayProperties properties, MeterRegistry meters,
                          GroupSend groupSend) {
        this.mapper = mapper;
        this.properties = properties;
        this.meters = meters;
        this.groupSend = groupSend;
    }

    /** Publishes {@code events}; returns once the broker has stored them (one transaction shared with others). */
    public void publish(List<GatewayEvent> events) {
        groupSend.send(messages(events));
    }

    /** The broker messages that carry {@code events}, in their order; counted as published. */
    public List<GroupSend.Outgoing> messages(List<GatewayEvent> events) {
        List<GroupSend.Outgoing> messages = new ArrayList<>(events.size());
        for (GatewayEvent event : events) {
            String status = event.message() == null ? null : event.message().status().name();
            meters.counter("gateway.events", "type", event.type(), "status", status == null ? "" : status)
                    .increment();
            Map<String, Object> selectors = new HashMap<>();
            selectors.put("type", event.type());
            putIfPresent(selectors, "app", event.app());
            putIfPresent(selectors, "sender", event.sender());
            putIfPresent(selectors, "status", status);
            selectors.put(CallbackSender.RECEIVED_AT, event.receivedAt().toEpochMilli());
            String body = json(event);
            messages.add(new GroupSend.Outgoing(properties.events().address(), true, body,
                    GroupSend.Outgoing.DEFAULT_PRIORITY, selectors));
            GatewayProperties.App app = event.app() == null ? null : properties.apps().get(event.app());
            if (app != null && app.callback() != null && app.callback().url() != null) {
                Map<String, Object> callback = new HashMap<>(selectors);
                // one group per contact: the app gets a contact's events in order
                callback.put("JMSXGroupID", event.app() + "|" + contactKey(event));
                messages.add(new GroupSend.Outgoing(CallbackRoutes.QUEUE_PREFIX + event.app(), false, body,
                        GroupSend.Outgoing.DEFAULT_PRIORITY, callback));
            }
        }
        return messages;
    }

    private String json(GatewayEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " could not be written as JSON", e);
        }
    }

    private static void putIfPresent(Map<String, Object> selectors, String name, String value) {
        if (value != null) {
            selectors.put(name, value);
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
