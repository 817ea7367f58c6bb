package io.wagateway.connector.webex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider bodies under {@code src/test/resources/fixtures/webex-connect/}, as raw bytes like Webex sends them. */
final class WebexFixtures {

    private WebexFixtures() {}

    static byte[] bytes(String name) {
        String path = "fixtures/webex-connect/" + name;
        try (InputStream in = WebexFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
