package io.wagateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsAreVersion7UuidsCarryingTheirCreationTime() {
        long at = 1_790_000_000_123L;
        UUID id = MessageIds.at(at);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndNoneRepeat() {
        String earlier = MessageIds.at(1_790_000_000_123L).toString();
        String later = MessageIds.at(1_790_000_000_124L).toString();
        assertThat(later).isGreaterThan(earlier);

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(MessageIds.next())).isTrue();
        }
    }
}
