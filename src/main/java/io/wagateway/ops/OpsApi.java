package io.wagateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.HttpExchange;
import io.wagateway.api.Problem;
import io.wagateway.api.ProblemException;
import io.wagateway.config.GatewayProperties;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /ops/dead-letters}: list and re-drive dead letters. Guarded by its own key ({@code gateway.ops.api-key});
 * with no key configured the endpoints are off.
 */
@Component("opsApi")
public class OpsApi {

    private final DeadLetters deadLetters;
    private final ObjectMapper mapper;
    private final byte[] key;

    public OpsApi(DeadLetters deadLetters, ObjectMapper mapper, GatewayProperties properties) {
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        String configured = properties.ops().apiKey();
        this.key = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    public void list(Exchange exchange) throws JMSException {
        authorize(exchange);
        HttpExchange.replyJson(exchange, mapper, 200, "application/json",
                Map.of("deadLetters", deadLetters.list(500)), Map.of());
    }

    public void redrive(Exchange exchange) throws JMSException {
        authorize(exchange);
        String id = exchange.getIn().getHeader("id", String.class);
        String target = deadLetters.redrive(id).orElseThrow(() -> new ProblemException(Problem.of(404, "not-found",
                "Not found", "No dead letter with this JMS message id.")));
        HttpExchange.replyJson(exchange, mapper, 200, "application/json",
                Map.of("jmsMessageId", id, "redrivenTo", target), Map.of());
    }

    private void authorize(Exchange exchange) {
        String header = HttpExchange.header(exchange, "Authorization");
        byte[] presented = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (key == null || !MessageDigest.isEqual(presented, key)) {
            throw new ProblemException(Problem.of(401, "unauthorized", "Unauthorized",
                    "Ops endpoints need the ops key (gateway.ops.api-key)."), Map.of("WWW-Authenticate", "Bearer"));
        }
    }
}
