package io.wagateway.connector;

import java.io.InputStream;

/** A media file streamed from a provider with the connector's own credentials. The caller closes the stream. */
public record MediaDownload(InputStream body, String contentType, long contentLength, String filename) {}
