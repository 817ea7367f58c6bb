package io.wagateway.api.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.api.Problem;
import io.wagateway.api.Problem.FieldError;
import io.wagateway.api.ProblemException;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.PhoneNumbers;
import io.wagateway.model.Recipient;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@code POST /v1/messages} body into a validated {@link SendRequest}, or throws a 400
 * {@link ProblemException} listing every field error at once.
 *
 * <p>Unknown top-level fields are ignored (the contract grows and clients may be newer than us); unknown
 * fields inside {@code content} are refused, because there they are almost always typos.
 */
public final class SendRequestReader {

    /** Far deeper than any valid request (a contact's phone sits at level 6), shallow enough to be cheap. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final Pattern USER_ID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9]{1,64}");
    private static final String KNOWN_TYPES =
            Arrays.stream(ContentType.values()).map(ContentType::wireName).collect(Collectors.joining(", "));

    private final ObjectReader treeReader;
    private final ObjectMapper mapper;
    private final MessageValidator validator = new MessageValidator();

    /** Works on a copy of {@code mapper}, so the application's shared mapper keeps its settings. */
    public SendRequestReader(ObjectMapper mapper) {
        this.mapper = mapper.copy();
        StreamReadConstraints constraints = this.mapper.getFactory().streamReadConstraints();
        this.mapper.getFactory().setStreamReadConstraints(
                constraints.rebuild().maxNestingDepth(MAX_NESTING_DEPTH).build());
        this.treeReader = this.mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"to": "a", "to": "b"} means different things to different parsers: refuse it.
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public SendRequest read(byte[] body) {
        ObjectNode root = parseObject(body);
        Fields fields = new Fields();
        SendRequest request = new SendRequest(
                fields.text(root, "from"),
                recipient(root.get("to"), fields),
                fields.text(root, "clientReference"),
                content(root.get("content"), fields),
                replyTo(root, fields),
                fields.text(root, "identityHash"),
                fields.integer(root, "validitySeconds"));
        List<FieldError> errors = new ArrayList<>(fields.errors);
        errors.addAll(validate(request, fields.unreadable()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return request;
    }

    /**
     * The validator's findings, except for fields that could not be read: those already have an error
     * saying why, and "is required" on top would only confuse.
     */
    private List<FieldError> validate(SendRequest request, Set<String> unreadable) {
        List<FieldError> errors = new ArrayList<>(validator.validateEnvelope(request));
        if (request.content() != null) {
            errors.addAll(validator.validateContent(request.content()));
        }
        errors.removeIf(error -> unreadable.contains(error.field()));
        return errors;
    }

    // --- JSON -------------------------------------------------------------------------------------------

    private ObjectNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = treeReader.readTree(body == null ? new byte[0] : body);
        } catch (StreamConstraintsException e) {
            throw malformed(e.getOriginalMessage().contains("nesting")
                    ? "The request body is nested deeper than " + MAX_NESTING_DEPTH + " levels."
                    : "The request body exceeds a size limit of the JSON reader.");
        } catch (JsonParseException e) {
            throw malformed("The request body is not valid JSON" + where(e) + ": " + shorten(e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            // With FAIL_ON_TRAILING_TOKENS this is "something after the JSON value"; its message names classes.
            throw malformed("The request body has more content after the JSON object" + where(e) + ".");
        } catch (IOException e) {
            throw malformed("The request body could not be read as JSON.");
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("The request body is empty; expected a JSON object.");
        }
        if (!root.isObject()) {
            throw malformed("The request body must be a JSON object, got " + describe(root) + ".");
        }
        return (ObjectNode) root;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Jackson's parse messages are fit for users, but may quote a long stretch of the body. */
    private static String shorten(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + "...";
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", detail));
    }

    // --- to ---------------------------------------------------------------------------------------------

    /** A phone number (normalised to E.164) or {@code {"userId": "US.1234..."}}; null when absent or wrong. */
    private static Recipient recipient(JsonNode to, Fields fields) {
        if (to == null || to.isNull()) {
            return null;
        }
        if (to.isTextual()) {
            return PhoneNumbers.toE164(to.asText()).map(Recipient::phone).orElseGet(() -> {
                fields.error("to", "must be a valid phone number in international format with its country code,"
                        + " like +447911123456");
                return null;
            });
        }
        JsonNode userId = to.isObject() ? to.get("userId") : null;
        if (userId != null && userId.isTextual() && USER_ID.matcher(userId.asText()).matches()) {
            return Recipient.user(userId.asText());
        }
        fields.error("to", "must be a phone number like \"+447911123456\" or {\"userId\": \"US.1234...\"}"
                + " with a 2-letter country code, a dot and 1 to 64 letters or digits");
        return null;
    }

    /** {@code context.replyTo}: the contract nests it so that more reply context can follow. */
    private static String replyTo(ObjectNode root, Fields fields) {
        ObjectNode context = fields.object(root, "context");
        return context == null ? null : fields.text(context, "replyTo", "context.replyTo");
    }

    // --- content ----------------------------------------------------------------------------------------

    private Content content(JsonNode node, Fields fields) {
        if (node == null || node.isNull()) {
            fields.error("content", "is required");
            return null;
        }
        if (!node.isObject()) {
            fields.error("content", "must be an object, got " + describe(node));
            return null;
        }
        ContentType type = contentType(node.get("type"), fields);
        if (type == null) {
            return null;
        }
        ObjectNode values = ((ObjectNode) node).deepCopy();
        values.remove("type");
        int before = fields.errors.size();
        unknownFields(values, type.recordType(), "content", fields);
        return fields.errors.size() > before ? null : convert(values, type, fields);
    }

    private static ContentType contentType(JsonNode type, Fields fields) {
        if (type == null || type.isNull()) {
            fields.error("content.type", "is required, one of: " + KNOWN_TYPES);
            return null;
        }
        if (!type.isTextual()) {
            fields.error("content.type", "must be a string, one of: " + KNOWN_TYPES);
            return null;
        }
        return ContentType.byWireName(type.asText()).orElseGet(() -> {
            fields.error("content.type", "unknown type " + MessageValidator.quote(type.asText())
                    + "; known types: " + KNOWN_TYPES);
            return null;
        });
    }

    private Content convert(ObjectNode values, ContentType type, Fields fields) {
        try {
            Content content = mapper.readerFor(type.recordType())
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(values);
            // The five media types share one record; the type field says which one this is.
            return content instanceof Content.Media m
                    ? new Content.Media(type, m.url(), m.mediaId(), m.caption(), m.filename()) : content;
        } catch (JsonMappingException e) {
            fields.error(path("content", e.getPath()), expected(e));
            return null;
        } catch (IOException e) {
            fields.error("content", "could not be read");
            return null;
        }
    }

    /**
     * Refuses fields the content record does not have, at any depth (e.g. {@code content.buttons[0].titel}).
     * Walks the record classes themselves, so the check follows the model as it grows.
     */
    private static void unknownFields(JsonNode node, Class<?> recordType, String path, Fields fields) {
        if (!node.isObject() || !recordType.isRecord()) {
            return; // scalars, and the string shorthands of Header, Email and Url
        }
        List<RecordComponent> components = Arrays.stream(recordType.getRecordComponents())
                .filter(c -> !c.getAccessor().isAnnotationPresent(JsonIgnore.class)).toList();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldPath = path + "." + field.getKey();
            RecordComponent component = components.stream()
                    .filter(c -> c.getName().equals(field.getKey())).findFirst().orElse(null);
            if (component == null) {
                fields.error(fieldPath, "unknown field; known fields here: " + names(components));
            } else {
                unknownFieldsBelow(field.getValue(), component.getGenericType(), fieldPath, fields);
            }
        }
    }

    private static void unknownFieldsBelow(JsonNode value, Type type, String path, Fields fields) {
        if (type instanceof Class<?> cls) {
            unknownFields(value, cls, path, fields);
        } else if (type instanceof ParameterizedType list && value.isArray()
                && Collection.class.isAssignableFrom((Class<?>) list.getRawType())) {
            Type element = list.getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                unknownFieldsBelow(value.get(i), element, path + "[" + i + "]", fields);
            }
        }
    }

    private static String names(List<RecordComponent> components) {
        return components.stream().map(RecordComponent::getName).collect(Collectors.joining(", "));
    }

    /** A JSON path from Jackson's reference chain: {@code content.buttons[0].title}. */
    private static String path(String prefix, List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What the field should have been, in JSON words rather than Java class names. */
    private static String expected(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(target)) {
            return "must be a number";
        }
        if (target == Boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            default -> "null";
        };
    }

    // --- top-level scalars ------------------------------------------------------------------------------

    /** Reads top-level fields, remembering errors and which fields could not be read. */
    private static final class Fields {
        final List<FieldError> errors = new ArrayList<>();

        void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        Set<String> unreadable() {
            return errors.stream().map(FieldError::field).collect(Collectors.toSet());
        }

        String text(ObjectNode node, String name) {
            return text(node, name, name);
        }

        String text(ObjectNode node, String name, String path) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                error(path, "must be a string, got " + describe(value));
                return null;
            }
            return value.asText();
        }

        Integer integer(ObjectNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                error(name, "must be a whole number");
                return null;
            }
            return value.intValue();
        }

        ObjectNode object(ObjectNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                error(name, "must be an object, got " + describe(value));
                return null;
            }
            return (ObjectNode) value;
        }
    }
}
