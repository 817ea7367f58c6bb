package io.wagateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SenderRef;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Receipts that come before their message's send response wait on the queue; the rest of what was taken with them is
 * applied at once, and no receipt of a waiting message overtakes it.
 */
class WaitingReceiptsTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void onlyTheReceiptsOfAMessageNotKnownYetWait() {
        ProviderEvent.Receipt unknownSent = receipt("wamid.U", "sent");
        ProviderEvent.Receipt knownDelivered = receipt("wamid.K", "delivered");
        ProviderEvent.Inbound inbound = inbound("wamid.IN");

        ProviderEventProcessor.Split split = ProviderEventProcessor.split(
                List.of(unknownSent, knownDelivered, inbound), new HashSet<>(), known("wamid.K"));

        assertThat(split.now()).containsExactly(knownDelivered, inbound);
        assertThat(split.later()).containsExactly(unknownSent);
    }

    @Test
    void aLaterReceiptOfAWaitingMessageWaitsTooEvenOnceTheMessageIsKnown() {
        // the send response is recorded between the two lookups: the second receipt would find the message
        List<String> asked = new ArrayList<>();
        Predicate<ProviderEvent.Receipt> knownFromTheSecondLookOn = receipt -> {
            asked.add(receipt.providerStatus());
            return asked.size() > 1;
        };
        ProviderEvent.Receipt sent = receipt("wamid.U", "sent");
        ProviderEvent.Receipt read = receipt("wamid.U", "read");

        ProviderEventProcessor.Split split = ProviderEventProcessor.split(List.of(sent, read), new HashSet<>(),
                knownFromTheSecondLookOn);

        assertThat(split.now()).isEmpty();
        assertThat(split.later()).containsExactly(sent, read);
        assertThat(asked).containsExactly("sent");   // the lookup is spared once the message waits
    }

    @Test
    void aMessageThatWaitsInOneWebhookWaitsInTheWebhooksTakenAfterIt() {
        Set<String> waiting = new HashSet<>();
        ProviderEvent.Receipt delivered = receipt("wamid.U", "delivered");
        ProviderEvent.Receipt read = receipt("wamid.U", "read");
        ProviderEvent.Receipt other = receipt("wamid.K", "read");

        ProviderEventProcessor.split(List.of(delivered), waiting, known());
        ProviderEventProcessor.Split second = ProviderEventProcessor.split(List.of(other, read), waiting,
                known("wamid.U", "wamid.K"));

        assertThat(second.now()).containsExactly(other);
        assertThat(second.later()).containsExactly(read);
    }

    @Test
    void aReceiptWithOnlyOurIdWaitsByOurId() {
        ProviderEvent.Receipt byOurId = new ProviderEvent.Receipt(null, "01JDGW0000000000000000000A",
                MessageStatus.DELIVERED, "delivered", AT, null, null, null, null, null);

        ProviderEventProcessor.Split split = ProviderEventProcessor.split(List.of(byOurId), new HashSet<>(),
                known());

        assertThat(split.later()).containsExactly(byOurId);
        assertThat(byOurId.messageKey()).isEqualTo("01JDGW0000000000000000000A");
    }

    @Test
    void waitsBackOffLikeTheBrokersRedeliveries() {
        assertThat(ReceiptConsumers.waitMillis(1)).isEqualTo(1_000);
        assertThat(ReceiptConsumers.waitMillis(2)).isEqualTo(2_000);
        assertThat(ReceiptConsumers.waitMillis(4)).isEqualTo(8_000);
        assertThat(ReceiptConsumers.waitMillis(7)).isEqualTo(60_000);
        assertThat(ReceiptConsumers.waitMillis(40)).isEqualTo(60_000);
    }

    private static Predicate<ProviderEvent.Receipt> known(String... messageKeys) {
        Set<String> ids = Set.of(messageKeys);
        return receipt -> ids.contains(receipt.messageKey());
    }

    private static ProviderEvent.Receipt receipt(String wamid, String status) {
        return new ProviderEvent.Receipt(wamid, null, MessageStatus.valueOf(status.toUpperCase()), status, AT, null,
                null, "447911123478", null, null);
    }

    private static ProviderEvent.Inbound inbound(String wamid) {
        return new ProviderEvent.Inbound(wamid, new SenderRef("1065", "+15550001111", null),
                new ContactRef("+447911123478", "447911123478", null, "Ann", null), AT,
                InboundContent.text("hello"), null);
    }
}
