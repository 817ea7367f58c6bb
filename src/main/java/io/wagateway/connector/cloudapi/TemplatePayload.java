package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A template send: {@code template {name, language {code}, components[]}} with one header component, one body
 * component holding the positional parameters in order, and one button component per button parameter.
 */
final class TemplatePayload {

    /**
     * How each canonical button sub type goes on the wire: {@code sub_type} as Meta's examples spell it, and the
     * parameter, whose value sits under a key named like its type ({@code {"type":"payload","payload":...}}).
     */
    private record ButtonKind(String subType, String parameterType, boolean payloadFirst) {}

    private static final Map<String, ButtonKind> BUTTON_KINDS = Map.of(
            "quick_reply", new ButtonKind("quick_reply", "payload", true),
            "url", new ButtonKind("url", "text", false),
            "copy_code", new ButtonKind("COPY_CODE", "coupon_code", false));

    private TemplatePayload() {}

    static void put(ObjectNode body, Content.Template template) {
        if (!Nodes.hasText(template.name()) || !Nodes.hasText(template.language())) {
            throw new IllegalArgumentException("a template needs a name and a language");
        }
        body.put("type", "template");
        ObjectNode node = body.putObject("template");
        node.put("name", template.name());
        node.putObject("language").put("code", template.language());
        ArrayNode components = node.putArray("components");
        if (template.header() != null) {
            ObjectNode header = components.addObject().put("type", "header");
            Nodes.header(header.putArray("parameters").addObject(), template.header(), ContentType.TEMPLATE);
        }
        List<String> parameters = template.body() == null ? List.of() : template.body();
        if (!parameters.isEmpty()) {
            ArrayNode bodyParameters = components.addObject().put("type", "body").putArray("parameters");
            parameters.forEach(text -> bodyParameters.addObject().put("type", "text").put("text", text));
        }
        if (template.buttons() != null) {
            template.buttons().forEach(button -> button(components.addObject(), button));
        }
        if (components.isEmpty()) {
            node.remove("components");
        }
    }

    /** Meta's examples give {@code index} as a string and as a number; a string is what all of them accept. */
    private static void button(ObjectNode node, Content.TemplateButton button) {
        if (button.index() == null) {
            throw new IllegalArgumentException("a template button needs an index");
        }
        ButtonKind kind = button.subType() == null ? null
                : BUTTON_KINDS.get(button.subType().toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new UnsupportedContentException(ContentType.TEMPLATE,
                    "a template button of sub type '" + button.subType() + "' is not supported");
        }
        String value = kind.payloadFirst() ? first(button.payload(), button.text())
                : first(button.text(), button.payload());
        if (!Nodes.hasText(value)) {
            throw new IllegalArgumentException("template button " + button.index() + " (" + button.subType()
                    + ") needs a payload or text");
        }
        node.put("type", "button").put("sub_type", kind.subType()).put("index", button.index().toString());
        node.putArray("parameters").addObject().put("type", kind.parameterType()).put(kind.parameterType(), value);
    }

    private static String first(String a, String b) {
        return Nodes.hasText(a) ? a : b;
    }
}
