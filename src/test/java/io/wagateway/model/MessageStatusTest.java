package io.wagateway.model;

import static io.wagateway.model.MessageStatus.ACCEPTED;
import static io.wagateway.model.MessageStatus.DELIVERED;
import static io.wagateway.model.MessageStatus.EXPIRED;
import static io.wagateway.model.MessageStatus.FAILED;
import static io.wagateway.model.MessageStatus.READ;
import static io.wagateway.model.MessageStatus.REJECTED;
import static io.wagateway.model.MessageStatus.SENT;
import static io.wagateway.model.MessageStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The forward-only rule of contract section 4, as a table: from, to, allowed. */
class MessageStatusTest {

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(ACCEPTED, SUBMITTED, true),
                Arguments.of(ACCEPTED, READ, true),          // a receipt may overtake the send response
                Arguments.of(SUBMITTED, SENT, true),
                Arguments.of(SENT, DELIVERED, true),
                Arguments.of(SENT, READ, true),              // delivered is skipped when read at once
                Arguments.of(DELIVERED, READ, true),
                Arguments.of(DELIVERED, SENT, false),        // late receipts never move back
                Arguments.of(DELIVERED, SUBMITTED, false),
                Arguments.of(SENT, SENT, false),             // a repeat is no change
                Arguments.of(READ, DELIVERED, false),
                Arguments.of(READ, FAILED, false),           // final stays final
                Arguments.of(DELIVERED, FAILED, true),
                Arguments.of(ACCEPTED, EXPIRED, true),
                Arguments.of(ACCEPTED, REJECTED, true),
                Arguments.of(FAILED, READ, false),
                Arguments.of(FAILED, FAILED, false),
                Arguments.of(EXPIRED, SUBMITTED, false));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("transitions")
    void statusesOnlyMoveForward(MessageStatus from, MessageStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @MethodSource("finals")
    void finalIsTrueExactlyForReadAndTheFailures(MessageStatus status, boolean isFinal) {
        assertThat(status.isFinal()).isEqualTo(isFinal);
    }

    static Stream<Arguments> finals() {
        return Stream.of(Arguments.of(ACCEPTED, false), Arguments.of(SUBMITTED, false), Arguments.of(SENT, false),
                Arguments.of(DELIVERED, false), Arguments.of(READ, true), Arguments.of(FAILED, true),
                Arguments.of(REJECTED, true), Arguments.of(EXPIRED, true));
    }
}
