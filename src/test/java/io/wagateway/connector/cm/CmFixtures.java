package io.wagateway.connector.cm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** CM bodies under {@code src/test/resources/fixtures/cm/}, as raw bytes like a webhook delivers them. */
public final class CmFixtures {

    private CmFixtures() {}

    public static byte[] bytes(String name) {
        String path = "fixtures/cm/" + name;
        try (InputStream in = CmFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
