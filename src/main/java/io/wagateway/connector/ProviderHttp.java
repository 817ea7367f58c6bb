package io.wagateway.connector;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client every connector calls its provider with: one per connector, shared by all its sends. */
public final class ProviderHttp {

    private ProviderHttp() {}

    /**
     * HTTP/1.1 (simplest for providers' load balancers) and no redirects (a redirected POST could be replayed
     * somewhere we did not configure). The client's own completions run on its selector thread instead of being
     * handed to a worker pool: callers wait on the returned future and do their work on their own thread, so a
     * worker would only add one thread hand-off per call (docs/benchmarks.md, run Q).
     */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run)
                .build();
    }
}
