package io.wagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.broker.BrokerUnavailableException;
import io.wagateway.store.MessageStore;
import io.wagateway.store.StoredMessage;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns any failure on the API path into a problem document (routes/api.yaml declares this once for all routes). */
@Component("problemResponses")
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper mapper;
    private final MessageStore store;

    public ProblemResponses(ObjectMapper mapper, MessageStore store) {
        this.mapper = mapper;
        this.store = store;
    }

    public void render(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof ProblemException problem) {
            write(exchange, problem.problem(), problem.headers());
            return;
        }
        StoredMessage accepted = exchange.getProperty(MessagesApi.ACCEPTED, StoredMessage.class);
        if (failure instanceof BrokerUnavailableException) {
            // GroupSend logged the stall once; one line per refused request would flood the log
            if (accepted != null) {
                undo(accepted);
            }
            write(exchange, Problem.of(503, "unavailable", "Service unavailable",
                    "The gateway's message broker is not taking messages (health 'broker' says why); nothing was"
                            + " accepted. Retry later."), Map.of("Retry-After", "5"));
            return;
        }
        if (accepted != null && !exchange.getProperty(MessagesApi.ENQUEUED, false, Boolean.class)) {
            // Stored but never queued: undo, so the app's retry is the only copy and nothing is half-written.
            log.error("could not queue message {}; it was not accepted", accepted.id(), failure);
            undo(accepted);
            write(exchange, Problem.of(503, "unavailable", "Service unavailable",
                    "The message could not be stored; nothing was accepted. Retry later."), Map.of("Retry-After", "5"));
            return;
        }
        log.error("request failed", failure);
        write(exchange, Problem.of(503, "unavailable", "Service unavailable",
                "The gateway could not complete the request. Retry later."), Map.of("Retry-After", "5"));
    }

    private void undo(StoredMessage accepted) {
        try {
            store.delete(accepted.id());
        } catch (RuntimeException e) {
            log.error("could not remove unqueued message {}", accepted.id(), e);
        }
    }

    private void write(Exchange exchange, Problem problem, Map<String, String> headers) {
        HttpExchange.replyJson(exchange, mapper, problem.status(), Problem.MEDIA_TYPE, problem, headers);
    }
}
