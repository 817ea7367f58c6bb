package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** An Idempotency-Key past its window starts over: a new message, even with another body. */
@TestPropertySource(properties = "gateway.api.idempotency-window=2s")
class IdempotencyWindowTest extends E2eTestBase {

    static String text(String body) {
        return "{\"from\":\"acme\",\"to\":\"+447911123443\",\"content\":{\"type\":\"text\",\"body\":\"" + body + "\"}}";
    }

    @Test
    void aKeyPastItsWindowIsUsedAgainForANewMessage() throws InterruptedException {
        Map<String, String> key = Map.of("Idempotency-Key", "window-1");
        GatewayClient.Reply first = gateway.send("shop-key", text("first"), key);
        GatewayClient.Reply repeat = gateway.send("shop-key", text("first"), key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));

        Thread.sleep(2_500);
        GatewayClient.Reply later = gateway.send("shop-key", text("second"), key);
        GatewayClient.Reply laterRepeat = gateway.send("shop-key", text("second"), key);

        assertThat(later.status()).as("a new message, not a 422 for another body").isEqualTo(202);
        assertThat(later.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(laterRepeat.status()).isEqualTo(200);
        assertThat(laterRepeat.json().get("id")).isEqualTo(later.json().get("id"));
    }
}
