package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudApiResponsesTest {

    private final CloudApiResponses responses = new CloudApiResponses(new ObjectMapper().findAndRegisterModules());

    @Test
    void readsASendResponse() {
        assertThat(responses.parseSendResponse(Fixtures.meta("send-text-response.json"))).contains(
                new SendResponse("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJTRU5EVEVYVDAwMDAwMDAwMDEA", null, "15550104567", null));
    }

    @Test
    void readsTemplatePacingStatusAndUserId() {
        String body = """
                {"messaging_product":"whatsapp",
                 "contacts":[{"input":"US.20481632641282565121","user_id":"US.20481632641282565121"}],
                 "messages":[{"id":"wamid.T1","message_status":"held_for_quality_assessment"}]}
                """;
        assertThat(responses.parseSendResponse(body)).contains(
                new SendResponse("wamid.T1", "held_for_quality_assessment", null, "US.20481632641282565121"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"{}", "{\"messages\":[]}", "{\"messages\":[{\"id\":\"\"}]}", "<html>", "[{\"id\":\"x\"}]"})
    void noMessageIdMeansNoSendResponse(String body) {
        assertThat(responses.parseSendResponse(body)).isEmpty();
    }

    @Test
    void readsAGraphErrorAndStripsTheCodeFromItsTitle() {
        Optional<GraphError> error = responses.parseError(Fixtures.meta("send-error-130429.json"));

        assertThat(error).contains(new GraphError("130429", "(#130429) Rate limit hit", "OAuthException",
                "Message throughput for this number was exceeded.", "2494055", "AbC123dEf456GhI789jKl0m"));
        assertThat(error.get().title()).isEqualTo("Rate limit hit");
    }

    @Test
    void aTitleWithoutCodePrefixIsKept() {
        GraphError error = responses.parseError(Fixtures.meta("send-error-190.json")).orElseThrow();
        assertThat(error.code()).isEqualTo("190");
        assertThat(error.title()).isEqualTo("Error validating access token: Session has expired.");
        assertThat(error.details()).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"{}", "{\"error\":\"text\"}", "garbage"})
    void notAGraphError(String body) {
        assertThat(responses.parseError(body)).isEmpty();
    }
}
