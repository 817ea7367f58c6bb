package io.wagateway.connector.webex;

import static io.wagateway.connector.webex.WaMessages.hasText;
import static io.wagateway.connector.webex.WaMessages.mediaUrl;
import static io.wagateway.connector.webex.WaMessages.putIfText;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.connector.SenderConfig;
import io.wagateway.model.Content;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.PhoneNumbers;
import io.wagateway.model.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Builds the body of {@code POST /resources/v1/messaging} for one WhatsApp recipient: the envelope
 * ({@code deliverychannel}, {@code appid}, {@code destination}, our id as {@code callbackData} and
 * {@code correlationid}), then either {@code channels.OTT-Messaging.wa} (session messages) or {@code message}
 * (templates, by Webex template id). A tree is built so the wire shape does not depend on the injected mapper.
 */
final class WebexPayloads {

    /** Webex limits {@code correlationid} to 50 bytes; {@code callbackData} has no documented limit in v1. */
    static final int CORRELATION_ID_MAX_BYTES = 50;

    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    WebexPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The request for {@code message} from {@code sender}. {@code waidWithPlus} is for tenants with "+E.164
     * enforcement", which want {@code +447911123456} rather than the documented {@code 447911123456}.
     *
     * @throws PayloadException when the message cannot be expressed for Webex Connect
     */
    ObjectNode build(OutboundMessage message, SenderConfig sender, boolean waidWithPlus) {
        if (message.content() == null) {
            throw new PayloadException("invalid-message", "message has no content");
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("deliverychannel", "whatsapp");
        body.put("appid", sender.appId());
        destination(body.putArray("destination").addObject(), message.to(), waidWithPlus);
        if (message.content() instanceof Content.Template template) {
            template(body.putObject("message"), template, sender);
            if (hasText(message.identityHash())) {
                // for templates the wa object carries nothing but the hash
                wa(body).put("identity_key_hash", message.identityHash());
            }
        } else {
            ObjectNode wa = wa(body);
            WaMessages.content(wa, message.content());
            putIfText(wa, "identity_key_hash", message.identityHash());
        }
        if (hasText(message.id())) {
            // both are echoed in receipts, so a receipt finds our message even before the transid is recorded
            body.put("callbackData", message.id());
            if (message.id().getBytes(StandardCharsets.UTF_8).length <= CORRELATION_ID_MAX_BYTES) {
                body.put("correlationid", message.id());
            }
        }
        if (message.validUntil() != null) {
            body.put("expiry", EXPIRY.format(message.validUntil()));
        }
        return body;
    }

    private static void destination(ObjectNode destination, Recipient to, boolean waidWithPlus) {
        if (to != null && hasText(to.phone())) {
            String digits = PhoneNumbers.toDigits(to.phone().strip());
            destination.putArray("waid").add(waidWithPlus ? "+" + digits : digits);
        } else if (to != null && hasText(to.userId())) {
            destination.putArray("bsuid").add(to.userId().strip());
        } else {
            throw new PayloadException("invalid-message", "message has no recipient phone number or user id");
        }
    }

    private static ObjectNode wa(ObjectNode body) {
        return body.putObject("channels").putObject("OTT-Messaging").putObject("wa");
    }

    /**
     * Webex sends templates by its own id, with parameters named as at template creation. The canonical body
     * parameters are positional, so they go as {@code "1"}, {@code "2"}, ...: Webex templates used through the
     * gateway name their variables that way (as WhatsApp numbers them).
     */
    private static void template(ObjectNode message, Content.Template template, SenderConfig sender) {
        if (template.name() == null || template.language() == null) {
            throw new PayloadException("invalid-message", "a template needs a name and a language");
        }
        String id = sender.templateId(template.name(), template.language()).orElseThrow(() ->
                new PayloadException("template-not-mapped", "sender " + sender.id() + " has no Webex template id for '"
                        + template.name() + "' in language '" + template.language() + "'"));
        message.put("template", id);
        ObjectNode parameters = message.putObject("parameters");
        List<String> body = template.body() == null ? List.of() : template.body();
        if ("authentication".equalsIgnoreCase(template.category()) && !body.isEmpty()) {
            // authentication templates take their one-time code as Webex's "otp" parameter
            parameters.putObject("otp").put("type", "otp").put("value", body.get(0));
        } else {
            for (int i = 0; i < body.size(); i++) {
                parameters.put(Integer.toString(i + 1), body.get(i));
            }
        }
        if (template.header() != null) {
            templateHeader(parameters, template.header());
        }
        if (template.buttons() != null) {
            for (Content.TemplateButton button : template.buttons()) {
                templateButton(parameters, button);
            }
        }
    }

    private static void templateHeader(ObjectNode parameters, Content.Header header) {
        String type = header.type() == null ? "text" : header.type();
        switch (type) {
            case "text" -> parameters.put("headerText", WaMessages.required(header.text(), "template header text"));
            case "image", "video", "document" -> {
                ObjectNode media = parameters.putObject(type).put("link", mediaUrl(header.url(), header.mediaId(), type));
                if (type.equals("document")) {
                    putIfText(media, "filename", header.filename());
                }
            }
            default -> throw new PayloadException("unsupported-content", "template header type '" + type + "'");
        }
    }

    /**
     * Quick replies go as {@code quickReply[{button_text, payload}]}: Webex matches the button by the text set at
     * template creation. URL and copy-code buttons are keyed by variable names the gateway cannot know.
     */
    private static void templateButton(ObjectNode parameters, Content.TemplateButton button) {
        if (!"quick_reply".equals(button.subType())) {
            throw new PayloadException("unsupported-content", "template buttons of type '" + button.subType()
                    + "' are not supported on Webex Connect; only quick_reply");
        }
        if (!hasText(button.text())) {
            throw new PayloadException("invalid-message",
                    "quick_reply button " + button.index() + " needs 'text': Webex matches it by the button's text");
        }
        ArrayNode quickReplies = parameters.withArrayProperty("quickReply");
        ObjectNode quickReply = quickReplies.addObject().put("button_text", button.text());
        putIfText(quickReply, "payload", button.payload());
    }
}
