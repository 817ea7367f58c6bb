package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.util.List;

/** Interactive messages: reply buttons ({@code interactive.type = button}) and lists ({@code list}). */
final class InteractivePayload {

    private InteractivePayload() {}

    static void buttons(ObjectNode body, Content.Buttons buttons) {
        ObjectNode node = interactive(body, "button", buttons.header(), buttons.body(), buttons.footer(),
                ContentType.BUTTONS);
        ArrayNode items = node.putObject("action").putArray("buttons");
        for (Content.ReplyButton button : nonEmpty(buttons.buttons(), "reply buttons")) {
            items.addObject().put("type", "reply").putObject("reply")
                    .put("id", button.id()).put("title", button.title());
        }
    }

    /** A list header can only be text on WhatsApp. */
    static void list(ObjectNode body, Content.ListMessage list) {
        if (list.header() != null && !list.header().isText()) {
            throw new UnsupportedContentException(ContentType.LIST,
                    "a list header must be text, not '" + list.header().type() + "'");
        }
        ObjectNode node = interactive(body, "list", list.header(), list.body(), list.footer(), ContentType.LIST);
        ObjectNode action = node.putObject("action").put("button", list.buttonText());
        ArrayNode sections = action.putArray("sections");
        for (Content.Section section : nonEmpty(list.sections(), "list sections")) {
            ObjectNode sectionNode = sections.addObject();
            Nodes.putText(sectionNode, "title", section.title());
            ArrayNode rows = sectionNode.putArray("rows");
            for (Content.Row row : nonEmpty(section.rows(), "rows in a list section")) {
                ObjectNode rowNode = rows.addObject().put("id", row.id()).put("title", row.title());
                Nodes.putText(rowNode, "description", row.description());
            }
        }
    }

    private static ObjectNode interactive(ObjectNode body, String type, Content.Header header, String text,
                                          String footer, ContentType owner) {
        if (!Nodes.hasText(text)) {
            throw new IllegalArgumentException("an interactive message needs a body");
        }
        body.put("type", "interactive");
        ObjectNode node = body.putObject("interactive").put("type", type);
        if (header != null) {
            Nodes.header(node.putObject("header"), header, owner);
        }
        node.putObject("body").put("text", text);
        if (Nodes.hasText(footer)) {
            node.putObject("footer").put("text", footer);
        }
        return node;
    }

    private static <T> List<T> nonEmpty(List<T> items, String what) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("no " + what);
        }
        return items;
    }
}
