package io.wagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * Reading the HTTP request and writing the reply of a platform-http exchange. Headers are read from the servlet
 * request itself: Camel also copies query parameters into headers, and a query parameter must never pass for an
 * {@code Authorization} header.
 */
public final class HttpExchange {

    private HttpExchange() {}

    public static HttpServletRequest request(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message) {
            return message.getRequest();
        }
        throw new IllegalStateException("not an HTTP exchange");
    }

    /**
     * The request body's bytes as the client sent them (the routes take it as a stream), or null when it is longer
     * than {@code maxBytes}; no body is an empty array.
     */
    public static byte[] body(Exchange exchange, int maxBytes) throws IOException {
        Object body = exchange.getIn().getBody();
        byte[] bytes = body instanceof InputStream in ? in.readNBytes(maxBytes + 1)
                : exchange.getIn().getBody(byte[].class);
        if (bytes == null) {
            return new byte[0];
        }
        return bytes.length > maxBytes ? null : bytes;
    }

    public static String header(Exchange exchange, String name) {
        return request(exchange).getHeader(name);
    }

    /** Replaces the message with a reply: no request header leaks into the response. */
    public static void reply(Exchange exchange, int status, String contentType, Object body,
                             Map<String, String> headers) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
    }

    public static void replyJson(Exchange exchange, ObjectMapper mapper, int status, String contentType, Object body,
                                 Map<String, String> headers) {
        try {
            reply(exchange, status, contentType, mapper.writeValueAsBytes(body), headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
