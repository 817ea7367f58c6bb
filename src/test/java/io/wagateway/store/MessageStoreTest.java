package io.wagateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wagateway.model.Content;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Pricing;
import io.wagateway.model.Recipient;
import io.wagateway.support.MessageIds;
import java.nio.file.Path;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's conditional updates, on the real schema: what moves, what stays, and what each call records. */
class MessageStoreTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final Pricing PRICING = new Pricing(true, "utility", "PMP", "regular");

    MessageStore store;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        DataSource ledger = ledger(dir);
        store = new MessageStore(new JdbcTemplate(ledger), mapper, new ContentCodec(mapper), new SqlDialect(ledger));
    }

    /** The embedded ledger; {@link PostgresMessageStoreTest} runs the same tests on PostgreSQL. */
    DataSource ledger(Path dir) {
        return TestLedger.migrated(dir);
    }

    @Test
    void submittedMovesAnAcceptedMessageAndRecordsTheProvidersIdInOneStep() {
        String id = accepted();
        assertThat(store.submitted(id, "meta-main", "wamid.A1", T.plusSeconds(1))).isTrue();

        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(m.providerMessageId()).isEqualTo("wamid.A1");
        assertThat(m.connectorId()).isEqualTo("meta-main");
        assertThat(m.submittedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(store.findByProviderMessageId("wamid.A1")).map(StoredMessage::id).contains(id);
    }

    @Test
    void submittedDoesNotMoveAMessageAReceiptAlreadyMovedFurther() {
        String id = accepted();
        // the receipt beat the send response: it recorded the provider's id and moved the message on
        store.markSubmittedIfUnknown(id, "meta-main", "wamid.B1", T.plusSeconds(1));
        assertThat(store.advance(id, MessageStatus.DELIVERED, null, T.plusSeconds(1))).isTrue();

        assertThat(store.submitted(id, "meta-main", "wamid.B1", T.plusSeconds(2))).isFalse();
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(m.submittedAt()).isEqualTo(T.plusSeconds(1));

        // a second early receipt does not overwrite what the first one recorded
        store.markSubmittedIfUnknown(id, "meta-main", "wamid.OTHER", T.plusSeconds(3));
        assertThat(store.find(id).orElseThrow().providerMessageId()).isEqualTo("wamid.B1");
    }

    @Test
    void aSendResponseRecordedAfterItsReceiptsStillComesBeforeThemInTheHistory() {
        String id = accepted();
        store.addReceipt(id, "status:wamid.D1:sent", MessageStatus.SENT, "sent", T.plusSeconds(1), "meta-main", null);
        store.addReceipt(id, "status:wamid.D1:read", MessageStatus.READ, "read", T.plusSeconds(2), "meta-main", null);
        // the dispatcher was slow to record the provider's answer (a cold start): its time is after the receipts'
        store.addHistory(id, MessageStatus.SUBMITTED, null, T.plusSeconds(4), "meta-main", null);

        assertThat(store.history(id)).extracting(HistoryEntry::status).containsExactly(MessageStatus.ACCEPTED,
                MessageStatus.SUBMITTED, MessageStatus.SENT, MessageStatus.READ);
    }

    @Test
    void aReceiptIsRecordedOncePerKeyWhileOurOwnStatusesNeedNoKey() {
        String id = accepted();
        String other = accepted();
        assertThat(store.addReceipt(id, "status:wamid.C1:delivered", MessageStatus.DELIVERED, "delivered",
                T.plusSeconds(2), "meta-main", null)).isTrue();
        // the provider repeats itself: nothing more is recorded
        assertThat(store.addReceipt(id, "status:wamid.C1:delivered", MessageStatus.DELIVERED, "delivered",
                T.plusSeconds(2), "meta-main", null)).isFalse();
        // another status of the message, and the same key on another message, are new
        assertThat(store.addReceipt(id, "status:wamid.C1:read", MessageStatus.READ, "read", T.plusSeconds(3),
                "meta-main", null)).isTrue();
        assertThat(store.addReceipt(other, "status:wamid.C1:delivered", MessageStatus.DELIVERED, "delivered",
                T.plusSeconds(2), "meta-main", null)).isTrue();
        // statuses without a key never collide
        store.addHistory(id, MessageStatus.SUBMITTED, null, T.plusSeconds(1), "meta-main", null);
        store.addHistory(id, MessageStatus.SUBMITTED, null, T.plusSeconds(1), "meta-main", null);

        assertThat(store.history(id)).extracting(HistoryEntry::status).containsExactly(MessageStatus.ACCEPTED,
                MessageStatus.SUBMITTED, MessageStatus.SUBMITTED, MessageStatus.DELIVERED, MessageStatus.READ);
        assertThat(store.history(other)).extracting(HistoryEntry::status)
                .containsExactly(MessageStatus.ACCEPTED, MessageStatus.DELIVERED);
    }

    @Test
    void advanceRecordsThePricingWithTheStatusAndKeepsItWhenALaterStatusHasNone() {
        String id = accepted();
        store.submitted(id, "meta-main", "wamid.C1", T);
        assertThat(store.advance(id, MessageStatus.SENT, null, PRICING, T.plusSeconds(1))).isTrue();
        assertThat(store.advance(id, MessageStatus.READ, null, null, T.plusSeconds(2))).isTrue();
        assertThat(store.find(id).orElseThrow().pricing()).isEqualTo(PRICING);

        // backwards never moves, and neither its pricing nor its error lands through advance
        MessageError error = new MessageError(ErrorCategory.RECIPIENT_UNREACHABLE, "131026", "Undeliverable", null,
                false);
        assertThat(store.advance(id, MessageStatus.DELIVERED, error,
                new Pricing(false, "marketing", "PMP", "free"), T.plusSeconds(3))).isFalse();
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.READ);
        assertThat(m.pricing()).isEqualTo(PRICING);
        assertThat(m.error()).isNull();
    }

    @Test
    void timesKeepTheirMicrosecondsAndSortAsTimesWithinASecond() {
        // SQLite keeps times as text: 10:00:00.5 must sort after 10:00:00 (written "…00Z" it would sort after it)
        String later = accepted(T.plusNanos(500_001_000));
        String earlier = accepted(T);
        assertThat(store.findByClientReference("shop", "ref-1", 10)).map(StoredMessage::id)
                .containsExactly(earlier, later);
        assertThat(store.find(later).orElseThrow().acceptedAt()).isEqualTo(T.plusNanos(500_001_000));
    }

    private String accepted() {
        return accepted(T);
    }

    private String accepted(Instant at) {
        OutboundMessage message = new OutboundMessage(MessageIds.next(), "shop", "acme",
                new Recipient("+447911123456", null), "ref-1", new Content.Text("Hi", null), null, null, at, null);
        store.insert(StoredMessage.accepted(message, "meta-main"));
        return message.id();
    }
}
