package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HubSignatureTest {

    // The well-known HMAC-SHA256 test vector (key "key"), so the check does not only agree with itself.
    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "key";
    private static final String HEX = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    @Test
    void signsWithHmacSha256OfTheRawBody() {
        assertThat(HubSignature.sign(BODY, SECRET)).isEqualTo("sha256=" + HEX);
    }

    @Test
    void acceptsTheRightSignatureInEitherHexCase() {
        assertThat(HubSignature.verify(BODY, "sha256=" + HEX, SECRET)).isTrue();
        assertThat(HubSignature.verify(BODY, "sha256=" + HEX.toUpperCase(), SECRET)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            HEX,                                  // no prefix
            "sha1=" + HEX,                        // wrong algorithm
            "sha256=07bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", // one digit off
            "sha256=" + HEX + "00",               // too long
            "sha256=zz" + "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c"})
    void refusesAnythingElse(String header) {
        assertThat(HubSignature.verify(BODY, header, SECRET)).isFalse();
    }

    @Test
    void refusesATamperedBodyOrAnotherSecret() {
        byte[] tampered = "The quick brown fox jumps over the lazy cat".getBytes(StandardCharsets.UTF_8);
        assertThat(HubSignature.verify(tampered, "sha256=" + HEX, SECRET)).isFalse();
        assertThat(HubSignature.verify(BODY, "sha256=" + HEX, "other")).isFalse();
        assertThat(HubSignature.verify(BODY, "sha256=" + HEX, "")).isFalse();
    }
}
