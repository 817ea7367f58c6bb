package io.wagateway.api.validation;

import static io.wagateway.api.validation.Requests.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.Recipient;
import org.junit.jupiter.api.Test;

/** The validator called directly, as code that builds a {@link SendRequest} itself would. */
class MessageValidatorTest {

    private final MessageValidator validator = new MessageValidator();

    @Test
    void emptyRequestNamesEveryRequiredField() {
        assertThat(validator.validate(new SendRequest(null, null, null, null, null, null, null))).containsExactly(
                error("from", "is required"), error("to", "is required"), error("content", "is required"));
    }

    @Test
    void validRequestHasNoErrors() {
        SendRequest request = new SendRequest("demo", Recipient.user("US.1"), "ref", new Content.Text("Hi", false),
                "wamid.1", "hash", 60);
        assertThat(validator.validate(request)).isEmpty();
    }

    @Test
    void contentErrorsComeWithTheEnvelopeErrors() {
        SendRequest request = new SendRequest("demo", Recipient.phone("+447911123456"), null,
                new Content.Media(ContentType.STICKER, "https://example.com/s.webp", null, "caption", "s.webp"),
                null, null, 0);
        assertThat(validator.validate(request)).containsExactly(
                error("validitySeconds", "must be between 1 and 2592000 (30 days), got 0"),
                error("content.caption", "is not allowed on sticker"),
                error("content.filename", "is only allowed on document"));
    }

    @Test
    void quoteCutsLongValues() {
        assertThat(MessageValidator.quote("short")).isEqualTo("\"short\"");
        assertThat(MessageValidator.quote("y".repeat(41))).isEqualTo("\"" + "y".repeat(40) + "...\"");
    }
}
