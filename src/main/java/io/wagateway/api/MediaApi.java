package io.wagateway.api;

import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.MediaFetchException;
import io.wagateway.pipeline.ConnectorRegistry;
import io.wagateway.store.MediaStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v1/media/{id}}: streams an inbound media file from its provider with the connector's credentials,
 * to an app that owns the receiving sender. Nobody downstream needs a provider token.
 */
@Component("mediaApi")
public class MediaApi {

    private static final Logger log = LoggerFactory.getLogger(MediaApi.class);

    private final ApiAuth auth;
    private final MediaStore media;
    private final ConnectorRegistry registry;
    private final long maxBytes;

    public MediaApi(ApiAuth auth, MediaStore media, ConnectorRegistry registry, GatewayProperties properties) {
        this.auth = auth;
        this.media = media;
        this.registry = registry;
        this.maxBytes = properties.api().maxMediaBytes();
    }

    public void get(Exchange exchange) {
        String appId = auth.authenticate(HttpExchange.header(exchange, "Authorization"));
        MediaStore.Media item = media.find(exchange.getIn().getHeader("id", String.class))
                .filter(m -> registry.appsForSender(m.senderId()).contains(appId))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "not-found", "Not found",
                        "No media with this id for this app.")));
        ConnectorInstance instance = registry.instance(item.connectorId()).orElseThrow(() -> unavailable(
                "The connector that received this media is no longer configured."));
        Connector connector = registry.connector(instance).orElseThrow();
        MediaDownload download;
        try {
            download = connector.fetchMedia(item.providerRef(), instance);
        } catch (MediaFetchException e) {
            log.warn("media {} could not be fetched from {}: {}", item.id(), item.connectorId(), e.getMessage());
            if (e.notFound()) {
                throw new ProblemException(Problem.of(404, "media-expired", "Media expired",
                        "The provider no longer has this media file (inbound media are kept for a limited time)."));
            }
            throw unavailable("The provider did not hand over this media file; try again later.");
        } catch (RuntimeException e) {
            log.warn("media {} could not be fetched from {}: {}", item.id(), item.connectorId(), e.getMessage());
            throw unavailable("The provider did not hand over this media file (it may have expired).");
        }
        if (download.contentLength() > maxBytes) {
            close(download.body());
            throw new ProblemException(Problem.of(502, "media-too-large", "Media too large",
                    "The file is larger than the gateway's limit of " + maxBytes + " bytes."));
        }
        Map<String, String> headers = new HashMap<>();
        if (download.contentLength() >= 0) {
            headers.put("Content-Length", Long.toString(download.contentLength()));
        }
        String filename = download.filename() != null ? download.filename() : item.filename();
        if (filename != null) {
            headers.put("Content-Disposition", "attachment; filename=\"" + filename.replace("\"", "") + "\"");
        }
        String type = download.contentType() != null ? download.contentType()
                : item.mimeType() != null ? item.mimeType() : "application/octet-stream";
        HttpExchange.reply(exchange, 200, type, new Capped(download.body(), maxBytes), headers);
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(502, "media-unavailable", "Media unavailable", detail));
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to do with a stream we are abandoning
        }
    }

    /** Stops a stream that turns out longer than the cap (providers do not always send a length). */
    static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("media larger than " + max + " bytes");
            }
        }
    }
}
