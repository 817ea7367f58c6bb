package io.wagateway.connector.cm;

import io.wagateway.model.ContentType;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mimeType} CM wants beside every {@code mediaUri}. The canonical content carries only a URL, so the type
 * comes from the file extension, limited to what CM accepts for each kind; kinds with a single allowed format
 * (video, sticker) need no extension. Empty when it cannot be told: CM then reads the file's own Content-Type.
 */
final class CmMediaTypes {

    private static final Map<String, String> IMAGE = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png");
    private static final Map<String, String> AUDIO = Map.of("aac", "audio/aac", "m4a", "audio/mp4",
            "amr", "audio/amr", "mp3", "audio/mpeg", "ogg", "audio/ogg; codecs=opus", "opus", "audio/ogg; codecs=opus");
    private static final Map<String, String> DOCUMENT = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private CmMediaTypes() {}

    static Optional<String> of(ContentType kind, String url) {
        return switch (kind) {
            case VIDEO -> Optional.of("video/mp4");
            case STICKER -> Optional.of("image/webp");
            case IMAGE -> extension(url).map(IMAGE::get);
            case AUDIO -> extension(url).map(AUDIO::get);
            case DOCUMENT -> extension(url).map(DOCUMENT::get);
            default -> Optional.empty();
        };
    }

    /** The last path segment of a URL, e.g. {@code invoice-42.pdf}; empty when the path has none. */
    static Optional<String> fileName(String url) {
        String path = path(url);
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    private static Optional<String> extension(String url) {
        return fileName(url).flatMap(name -> {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        });
    }

    private static String path(String url) {
        try {
            String path = URI.create(url.strip()).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }
}
