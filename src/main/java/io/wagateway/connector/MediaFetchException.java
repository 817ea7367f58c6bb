package io.wagateway.connector;

/**
 * An inbound media file could not be fetched. {@link #notFound()} says the provider no longer knows it (expired or
 * unknown id), as opposed to a provider or network failure; the message never holds credentials.
 */
public class MediaFetchException extends RuntimeException {

    private final boolean notFound;

    public MediaFetchException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    public boolean notFound() { return notFound; }
}
