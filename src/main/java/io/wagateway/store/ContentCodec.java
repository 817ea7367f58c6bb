package io.wagateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import org.springframework.stereotype.Component;

/** Content to and from its contract JSON ({@code type} plus the record's fields). */
@Component
public class ContentCodec {

    private final ObjectMapper mapper;

    public ContentCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode toTree(Content content) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", content.contentType().wireName());
        node.setAll((ObjectNode) mapper.valueToTree(content));
        return node;
    }

    public String toJson(Content content) {
        return toTree(content).toString();
    }

    public Content fromJson(ContentType type, String json) {
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(json);
            node.remove("type");
            Content content = mapper.treeToValue(node, type.recordType());
            if (content instanceof Content.Media m) {
                return new Content.Media(type, m.url(), m.mediaId(), m.caption(), m.filename());
            }
            return content;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of type " + type.wireName() + " is unreadable", e);
        }
    }
}
