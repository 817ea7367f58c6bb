package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.util.Locale;

/** Small writers shared by the payload builders. */
final class Nodes {

    private Nodes() {}

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /** Sets {@code key} only when there is something to say: Meta refuses some empty fields. */
    static void putText(ObjectNode node, String key, String value) {
        if (hasText(value)) {
            node.put(key, value);
        }
    }

    /** A media object by uploaded id or by link; Meta recommends the id, so it wins if both are given. */
    static ObjectNode media(ObjectNode node, String url, String mediaId) {
        if (hasText(mediaId)) {
            node.put("id", mediaId);
        } else if (hasText(url)) {
            node.put("link", url);
        } else {
            throw new IllegalArgumentException("media needs a url or a mediaId");
        }
        return node;
    }

    /**
     * A header as both an interactive {@code header} and a template header parameter take it: {@code {type:text,
     * text}} or {@code {type:image|video|document, <type>: {id|link, filename}}}.
     */
    static ObjectNode header(ObjectNode node, Content.Header header, ContentType owner) {
        String type = header.type() == null ? "" : header.type().toLowerCase(Locale.ROOT);
        switch (type) {
            case "text" -> {
                if (!hasText(header.text())) {
                    throw new IllegalArgumentException("a text header needs text");
                }
                node.put("type", "text").put("text", header.text());
            }
            case "image", "video", "document" -> {
                node.put("type", type);
                ObjectNode media = media(node.putObject(type), header.url(), header.mediaId());
                if (type.equals("document")) {
                    putText(media, "filename", header.filename());
                }
            }
            default -> throw new UnsupportedContentException(owner,
                    "a " + owner.wireName() + " header of type '" + header.type() + "' is not supported");
        }
        return node;
    }
}
