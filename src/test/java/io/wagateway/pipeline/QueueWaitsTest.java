package io.wagateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wait a sender's queue is judged by: the shortest of the last second or two, forgotten once stale; or, while an
 * open breaker holds its messages back, how long that has lasted.
 */
class QueueWaitsTest {

    /** A breaker open for 10 s puts a held message back every 10 s: a hold is remembered 12 s. */
    final QueueWaits waits = new QueueWaits(Duration.ofSeconds(10));

    @Test
    void theShortestRecentWaitCountsSoAMessageHeldForItsRecipientDoesNotMakeTheQueueLookDeep() {
        waits.dispatched("s", Duration.ofMillis(900), 10_000);
        waits.dispatched("s", Duration.ofSeconds(40), 10_100);   // held back for its recipient's pair rate
        waits.dispatched("s", Duration.ofMillis(700), 10_200);

        assertThat(waits.recentWait("s", 10_300)).hasValue(Duration.ofMillis(700));
        assertThat(waits.recentWait("other", 10_300)).isEmpty();
    }

    @Test
    void theWindowBeforeStillCountsAndAnOlderOneNoLonger() {
        waits.dispatched("s", Duration.ofSeconds(3), 10_000);
        waits.dispatched("s", Duration.ofSeconds(5), 11_200);     // a new window; the one before is kept

        assertThat(waits.recentWait("s", 11_300)).hasValue(Duration.ofSeconds(3));
        assertThat(waits.recentWait("s", 12_300)).hasValue(Duration.ofSeconds(5));
        assertThat(waits.recentWait("s", 14_500)).as("nothing dispatched for two seconds").isEmpty();
    }

    @Test
    void whileAnOpenBreakerHoldsMessagesBackTheWaitIsHowLongItHasHeldThem() {
        waits.dispatched("s", Duration.ofMillis(20), 10_000);
        waits.heldBack("s", 10_500);
        waits.heldBack("s", 10_900);                              // fresh messages are held too, from the start

        assertThat(waits.recentWait("s", 11_000)).hasValue(Duration.ofMillis(500));
        assertThat(waits.recentWait("s", 20_500)).as("put back every 10 s: still held").hasValue(
                Duration.ofSeconds(10));
        waits.heldBack("s", 20_900);
        assertThat(waits.recentWait("s", 30_500)).hasValue(Duration.ofSeconds(20));
        assertThat(waits.recentWait("other", 30_500)).isEmpty();
    }

    @Test
    void aProviderAnswerEndsTheHoldAndTheWaitsOfTheBacklogTakeOver() {
        waits.heldBack("s", 10_000);
        waits.heldBack("s", 20_000);

        waits.answered("s");
        waits.dispatched("s", Duration.ofSeconds(9), 20_100);    // the backlog's first calls

        assertThat(waits.recentWait("s", 20_200)).hasValue(Duration.ofSeconds(9));
        assertThat(waits.recentWait("s", 23_000)).as("nothing held, nothing dispatched").isEmpty();
    }

    @Test
    void aHoldNoMessageWasPutBackForSinceTheBreakersOpenTimeHasEnded() {
        waits.heldBack("s", 10_000);

        assertThat(waits.recentWait("s", 22_000)).hasValue(Duration.ofSeconds(12));
        assertThat(waits.recentWait("s", 22_001)).as("its messages expired").isEmpty();
        waits.heldBack("s", 40_000);
        assertThat(waits.recentWait("s", 40_400)).as("a hold of its own").hasValue(Duration.ofMillis(400));
    }
}
