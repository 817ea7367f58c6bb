package io.wagateway.connector.webex;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Webex Connect wants a {@code mimeType} with every media URL and the URL to end with the file's extension, so the
 * type is read from that extension. The list holds the formats WhatsApp accepts.
 */
final class MediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"),
            Map.entry("mp4", "video/mp4"), Map.entry("3gp", "video/3gpp"), Map.entry("3gpp", "video/3gpp"),
            Map.entry("aac", "audio/aac"), Map.entry("amr", "audio/amr"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private MediaTypes() {}

    /** The MIME type for the extension at the end of the URL's path (query and fragment ignored). */
    static Optional<String> of(String url) {
        String path;
        try {
            path = URI.create(url.strip()).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
