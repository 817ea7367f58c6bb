package io.wagateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait a sender's queue is judged by: the shortest of the last second or two, forgotten once stale. */
class QueueWaitsTest {

    final QueueWaits waits = new QueueWaits();

    @Test
    void theShortestRecentWaitCountsSoAMessageHeldForItsRecipientDoesNotMakeTheQueueLookDeep() {
        waits.dispatched("s", Duration.ofMillis(900), 10_000);
        waits.dispatched("s", Duration.ofSeconds(40), 10_100);   // held back for its recipient's pair rate
        waits.dispatched("s", Duration.ofMillis(700), 10_200);

        assertThat(waits.recentShortest("s", 10_300)).hasValue(Duration.ofMillis(700));
        assertThat(waits.recentShortest("other", 10_300)).isEmpty();
    }

    @Test
    void theWindowBeforeStillCountsAndAnOlderOneNoLonger() {
        waits.dispatched("s", Duration.ofSeconds(3), 10_000);
        waits.dispatched("s", Duration.ofSeconds(5), 11_200);     // a new window; the one before is kept

        assertThat(waits.recentShortest("s", 11_300)).hasValue(Duration.ofSeconds(3));
        assertThat(waits.recentShortest("s", 12_300)).hasValue(Duration.ofSeconds(5));
        assertThat(waits.recentShortest("s", 14_500)).as("nothing dispatched for two seconds").isEmpty();
    }
}
