package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** WireMock standing in for Meta's Graph API over real HTTP, plus helpers to build signed Meta webhooks. */
final class MetaStub {

    static final String APP_SECRET = "test-app-secret";

    private MetaStub() {}

    /** Answers every send with {@code wamid.T-<our id>}, so a test knows the provider id of each message. */
    static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        server.start();
        stubSuccess(server);
        return server;
    }

    static void stubSuccess(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/v25.0/[0-9]+/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"messaging_product":"whatsapp",
                         "contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"447911123456"}],
                         "messages":[{"id":"wamid.T-{{jsonPath request.body '$.biz_opaque_callback_data'}}"}]}""")
                .withTransformers("response-template")));
    }

    static String statusWebhook(String wamid, String status, long epochSeconds, String callbackData) {
        return statusWebhook(wamid, status, epochSeconds, callbackData, "");
    }

    /** {@code extra} is more JSON members for the status object, starting with a comma. */
    static String statusWebhook(String wamid, String status, long epochSeconds, String callbackData, String extra) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"300000000000003","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550002222","phone_number_id":"200000000000002"},
                  "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"447911123456"%s%s}]}}]}]}"""
                .formatted(wamid, status, epochSeconds,
                        callbackData == null ? "" : ",\"biz_opaque_callback_data\":\"" + callbackData + "\"", extra);
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
