package io.wagateway.support;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Gateway message ids: UUID version 7 (RFC 9562), whose first 48 bits are the creation time in milliseconds.
 * Ids of messages in flight are therefore neighbours in the ledger's index, so a commit rewrites a few index pages
 * instead of one page per message, and ids sort by creation time. The other 74 bits are random.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    static UUID at(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000000000000000L | (ByteBuffer.wrap(random, 2, 8).getLong() & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(high, low);
    }
}
