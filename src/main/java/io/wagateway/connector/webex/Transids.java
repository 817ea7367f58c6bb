package io.wagateway.connector.webex;

/**
 * Webex's {@code transid}. A single-destination send answers {@code <uuid>}, while its receipts carry
 * {@code <uuid>_0} (the destination's index); dropping that {@code _0} gives both the same provider message id.
 * Other suffixes ({@code _1}, {@code _2}: later destinations of a batch) name other messages and stay.
 */
final class Transids {

    private static final String FIRST_DESTINATION = "_0";

    private Transids() {}

    static String normalize(String transid) {
        if (transid == null || transid.isBlank()) {
            return null;
        }
        String id = transid.strip();
        return id.endsWith(FIRST_DESTINATION) && id.length() > FIRST_DESTINATION.length()
                ? id.substring(0, id.length() - FIRST_DESTINATION.length()) : id;
    }
}
