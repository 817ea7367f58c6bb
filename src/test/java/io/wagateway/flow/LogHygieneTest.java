package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs the paths that log (send, receipts, refusals, a provider failure, an orphan receipt) and scans everything
 * the gateway printed: no token, secret or API key, and no phone number in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends E2eTestBase {

    static final String PHONE = "+447911123481";
    static final List<String> SECRETS = List.of("test-access-token", "test-app-secret", "test-verify-token",
            "shop-key", "other-key");

    @Test
    void logsHoldNoSecretsAndNoPhoneNumbers(CapturedOutput output) throws Exception {
        String id = gateway.send("shop-key", GatewayFlowTest.text(PHONE, "Secret plans")).json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String failed = MetaStub.statusWebhook("wamid.T-" + id, "failed", Instant.now().getEpochSecond(), id)
                .replace("447911123456", PHONE.substring(1))
                .replace("\"biz_opaque", "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}],"
                        + "\"biz_opaque");
        gateway.webhook("meta-test", failed, MetaStub.sign(failed));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("FAILED"));

        String orphan = MetaStub.statusWebhook("wamid.nobody", "delivered", Instant.now().getEpochSecond(), null)
                .replace("447911123456", PHONE.substring(1));
        gateway.webhook("meta-test", orphan, MetaStub.sign(orphan));
        gateway.webhook("meta-test", orphan, "sha256=" + "0".repeat(64));
        gateway.send("not-a-key", GatewayFlowTest.text(PHONE, "x"));
        gateway.send("shop-key", GatewayFlowTest.text("+4479111", "x"));
        Thread.sleep(3000);   // the orphan receipt is retried a few times, and each retry may log

        String logs = output.getAll();
        assertThat(logs).contains(id);   // the capture did see the gateway's own lines
        for (String secret : SECRETS) {
            assertThat(logs).doesNotContain(secret);
        }
        assertThat(logs).doesNotContain(PHONE.substring(1)).doesNotContain("Secret plans");
    }

    private String status(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }
}
