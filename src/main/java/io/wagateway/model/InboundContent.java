package io.wagateway.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a user sent, in canonical terms: the {@code inbound} block of a {@code message.inbound} event (contract
 * section 5). {@code type} is one of {@link #TYPES}; only the part that matches it is set.
 *
 * <p>For {@code button} (a template quick-reply tap) and {@code reply} (an interactive button or list choice),
 * {@code reply.id} is the payload or id the business set and {@code reply.title} the text the user saw.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboundContent(String type, String text, Media media, Reply reply, Location location,
                             List<ContactCard> contacts, Reaction reaction, Order order, MessageError error,
                             Boolean forwarded, Boolean frequentlyForwarded, Map<String, Object> referral) {

    public static final List<String> TYPES = List.of("text", "image", "video", "audio", "document", "sticker",
            "location", "contacts", "button", "reply", "reaction", "order", "unsupported");

    public static InboundContent text(String body) {
        return new InboundContent("text", body, null, null, null, null, null, null, null, null, null, null);
    }

    public static InboundContent media(String type, Media media) {
        return new InboundContent(type, null, media, null, null, null, null, null, null, null, null, null);
    }

    public static InboundContent reply(String type, Reply reply) {
        return new InboundContent(type, null, null, reply, null, null, null, null, null, null, null, null);
    }

    public static InboundContent location(Location location) {
        return new InboundContent("location", null, null, null, location, null, null, null, null, null, null, null);
    }

    public static InboundContent contacts(List<ContactCard> contacts) {
        return new InboundContent("contacts", null, null, null, null, contacts, null, null, null, null, null, null);
    }

    public static InboundContent reaction(Reaction reaction) {
        return new InboundContent("reaction", null, null, null, null, null, reaction, null, null, null, null, null);
    }

    public static InboundContent order(Order order) {
        return new InboundContent("order", order.text(), null, null, null, null, null, order, null, null, null, null);
    }

    public static InboundContent unsupported(MessageError error) {
        return new InboundContent("unsupported", null, null, null, null, null, null, null, error, null, null, null);
    }

    /** The same content with forwarding and ad-referral context added. */
    public InboundContent withContext(Boolean forwarded, Boolean frequentlyForwarded, Map<String, Object> referral) {
        return new InboundContent(type, text, media, reply, location, contacts, reaction, order, error, forwarded,
                frequentlyForwarded, referral);
    }

    public InboundContent withMedia(Media newMedia) {
        return new InboundContent(type, text, newMedia, reply, location, contacts, reaction, order, error, forwarded,
                frequentlyForwarded, referral);
    }

    /**
     * A media attachment. {@code providerRef} is the provider's handle (a media id, or a short-lived CDN URL) and
     * never leaves the gateway: the pipeline swaps it for {@code url}, a gateway URL an app fetches with its own key.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String providerRef, String url, String mimeType, String caption, String filename,
                        String sha256, Long size, Boolean voice, Boolean animated) {

        public Media forApps(String gatewayUrl) {
            return new Media(null, gatewayUrl, mimeType, caption, filename, sha256, size, voice, animated);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String id, String title, String description) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(Double latitude, Double longitude, String name, String address, String url) {}

    /** A reaction to one of our messages; {@code emoji} null means the user removed the reaction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reaction(String messageId, String emoji) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(String catalogId, String text, List<OrderItem> items) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderItem(String productRetailerId, Integer quantity, Double itemPrice, String currency) {}
}
