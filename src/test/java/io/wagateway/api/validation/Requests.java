package io.wagateway.api.validation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.Problem;
import io.wagateway.api.ProblemException;
import java.util.List;

/** Reads literal JSON bodies the way the API does, for the tests of this package. */
final class Requests {

    static final SendRequestReader READER = new SendRequestReader(new ObjectMapper());

    private Requests() {}

    /** A valid envelope around {@code content}; the content JSON is inserted verbatim. */
    static String body(String content) {
        return "{\"from\": \"demo\", \"to\": \"+447911123456\", \"content\": " + content + "}";
    }

    static SendRequest read(String json) {
        return READER.read(json.getBytes(UTF_8));
    }

    static Problem problem(String json) {
        return assertThrows(ProblemException.class, () -> read(json)).problem();
    }

    static List<Problem.FieldError> errors(String json) {
        return problem(json).errors();
    }

    static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, message);
    }
}
