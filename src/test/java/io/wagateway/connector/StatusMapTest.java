package io.wagateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagateway.model.MessageStatus;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusMapTest {

    private final StatusMap meta = StatusMap.load("meta-cloud");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sent,SENT", "delivered,DELIVERED", "read,READ", "played,READ", "failed,FAILED", "Delivered,DELIVERED"})
    void mapsMetaWords(String word, MessageStatus expected) {
        assertThat(meta.map(word)).isEqualTo(new StatusMap.Mapping.To(expected));
    }

    @Test
    void deletedIsKnownButIgnoredAndOtherWordsAreUnknown() {
        assertThat(meta.map("deleted")).isEqualTo(new StatusMap.Mapping.Ignored("deleted"));
        assertThat(meta.map("warning")).isEqualTo(new StatusMap.Mapping.Unknown("warning"));
        assertThat(meta.map(null)).isEqualTo(new StatusMap.Mapping.Unknown(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sent,SHIPPED", "sent", "sent,SENT,extra", ",SENT", "sent,SENT\nsent,READ"})
    void invalidRowsAreRefused(String rows) {
        assertThatThrownBy(() -> StatusMap.parse("s.csv", new StringReader(StatusMap.HEADER + "\n" + rows)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("s.csv line ");
    }
}
