package io.wagateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagateway.config.GatewayProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiAuthTest {


    final ApiAuth auth = new ApiAuth(new GatewayProperties("./data", null, Map.of(), Map.of(), Map.of(
            "plain", new GatewayProperties.App("plain-key", null, List.of("s1"), null, null),
            "hashed", new GatewayProperties.App(null, sha256Hex("hashed-key"), List.of(), null, null),
            "disabled", new GatewayProperties.App("", null, List.of("s1"), null, null)), null, null, null, null, null, null, null));

    @Test
    void plainAndHashedKeysFindTheirApp() {
        assertThat(auth.authenticate("Bearer plain-key")).isEqualTo("plain");
        assertThat(auth.authenticate("bearer hashed-key")).isEqualTo("hashed");
    }

    @Test
    void wrongMissingOrEmptyKeysAre401() {
        for (String header : new String[] {null, "", "Bearer ", "Bearer nope", "Basic cGxhaW4ta2V5", "plain-key"}) {
            assertThatThrownBy(() -> auth.authenticate(header)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.problem().status()).isEqualTo(401));
        }
    }

    @Test
    void aSenderNotListedForTheAppIs403() {
        auth.requireSender("plain", "s1");
        assertThatThrownBy(() -> auth.requireSender("plain", "s2")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    static String sha256Hex(String value) {
        return java.util.HexFormat.of().formatHex(ApiAuth.sha256(value));
    }
}
