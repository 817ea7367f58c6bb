package io.wagateway.connector.cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our id into CM's reference (1 to 32 letters and digits) and back out of a status report. */
class CmReferenceTest {

    @RepeatedTest(20)
    void aGatewayUuidRoundTrips() {
        String id = UUID.randomUUID().toString();

        String reference = CmReference.of(id);

        assertThat(reference).matches("[0-9a-f]{32}");
        assertThat(CmReference.gatewayMessageId(reference)).contains(id);
        assertThat(CmReference.gatewayMessageId(reference.toUpperCase())).contains(id);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "01JNM6Q4V9X2K7T3R8P5W1ZC0B, 01JNM6Q4V9X2K7T3R8P5W1ZC0B",
            "order4711, order4711",
            "3F2B8C1E-9A4D-4C7E-B1F0-2D6E8A9C0B14, 3f2b8c1e9a4d4c7eb1f02d6e8a9c0b14"})
    void idsThatFitAreSentAsTheyAre(String id, String reference) {
        assertThat(CmReference.of(id)).isEqualTo(reference);
    }

    @Test
    void anIdThatCannotFitIsHashedStably() {
        String id = "order/4711 with spaces and more than thirty-two characters";

        assertThat(CmReference.of(id)).matches("[0-9a-f]{32}").isEqualTo(CmReference.of(id));
    }

    @Test
    void aReferenceThatCannotBeOursHasNoGatewayId() {
        assertThat(CmReference.gatewayMessageId("not-alphanumeric")).isEmpty();
        assertThat(CmReference.gatewayMessageId("")).isEmpty();
        assertThat(CmReference.gatewayMessageId(null)).isEmpty();
        assertThatThrownBy(() -> CmReference.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
