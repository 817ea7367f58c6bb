package io.wagateway.connector.webex;

import java.io.ByteArrayOutputStream;

/** Removes the white space between JSON tokens, leaving strings untouched: the compact form of the same JSON. */
final class JsonWhitespace {

    private JsonWhitespace() {}

    /** Works on UTF-8 bytes: no byte of a multi-byte character equals a quote, backslash or ASCII white space. */
    static byte[] strip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                out.write(b);
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                out.write(b);
            } else if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
