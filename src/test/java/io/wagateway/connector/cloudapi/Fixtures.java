package io.wagateway.connector.cloudapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider bodies under {@code src/test/resources/fixtures/meta-cloud/}, as raw bytes like a webhook delivers them. */
public final class Fixtures {

    private Fixtures() {}

    public static byte[] metaBytes(String name) {
        String path = "fixtures/meta-cloud/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String meta(String name) {
        return new String(metaBytes(name), StandardCharsets.UTF_8);
    }
}
