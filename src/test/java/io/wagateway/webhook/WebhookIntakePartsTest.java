package io.wagateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wagateway.broker.GroupSend;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.MessageStatus;
import io.wagateway.pipeline.WebhookBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookIntakePartsTest {

    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    final WebhookIntake intake = new WebhookIntake(null, mapper, new SimpleMeterRegistry(), null, null, 8);

    @Test
    void eachMessagesReceiptsStayTogetherAndInOrderWhileMessagesSpreadOverGroups() throws Exception {
        List<ProviderEvent> events = new ArrayList<>();
        for (String status : List.of("sent", "delivered", "read")) {
            for (int m = 0; m < 40; m++) {
                events.add(receipt("wamid.M" + m, status));
            }
        }
        List<GroupSend.Outgoing> parts = intake.parts("meta-main", WebhookResult.ok(events));

        assertThat(parts.size()).isBetween(2, 8);
        assertThat(parts).extracting(GroupSend.Outgoing::group).doesNotHaveDuplicates()
                .allMatch(g -> g.startsWith("receipts|meta-main|"));
        Map<String, String> groupOfMessage = new HashMap<>();
        int total = 0;
        for (GroupSend.Outgoing part : parts) {
            WebhookBatch batch = mapper.readValue(part.body(), WebhookBatch.class);
            assertThat(batch.connectorId()).isEqualTo("meta-main");
            Map<String, List<String>> statuses = batch.events().stream().map(e -> (ProviderEvent.Receipt) e)
                    .collect(Collectors.groupingBy(ProviderEvent.Receipt::providerMessageId,
                            Collectors.mapping(ProviderEvent.Receipt::providerStatus, Collectors.toList())));
            statuses.forEach((message, seen) -> {
                assertThat(seen).as(message).containsExactly("sent", "delivered", "read");
                assertThat(groupOfMessage.put(message, part.group())).as(message).isNull();
            });
            total += batch.events().size();
        }
        assertThat(total).isEqualTo(120);
    }

    @Test
    void inboundMessagesOfOneContactShareAGroup() {
        ProviderEvent a = inbound("447911123001", "wamid.I1");
        ProviderEvent b = inbound("447911123001", "wamid.I2");
        assertThat(WebhookIntake.orderingKey(a)).isEqualTo(WebhookIntake.orderingKey(b)).isEqualTo("447911123001");
        assertThat(WebhookIntake.orderingKey(receipt("wamid.X", "sent"))).isEqualTo("wamid.X");
    }

    private static ProviderEvent.Receipt receipt(String wamid, String status) {
        return new ProviderEvent.Receipt(wamid, null, MessageStatus.valueOf(status.toUpperCase()), status,
                Instant.parse("2026-12-01T10:00:00Z"), null, null, "447911123456", null, null);
    }

    private static ProviderEvent.Inbound inbound(String waId, String wamid) {
        return new ProviderEvent.Inbound(wamid, null, new ContactRef("+" + waId, waId, null, "Ann", null),
                Instant.parse("2026-12-01T10:00:00Z"), null, null);
    }
}
