package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a WireMock "Meta" received, by our message ids (biz_opaque_callback_data), for the crash tests. */
final class ProviderCalls {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProviderCalls() {}

    static List<LoggedRequest> sent(WireMockServer meta) {
        return meta.findAll(postRequestedFor(urlPathMatching(".*/messages")));
    }

    static Set<String> distinctIds(WireMockServer meta) {
        Set<String> ids = new HashSet<>();
        for (LoggedRequest request : sent(meta)) {
            try {
                ids.add(MAPPER.readTree(request.getBodyAsString()).get("biz_opaque_callback_data").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A JVM with the test class path (surefire runs tests through a manifest-only jar: the real one is here). */
    static ProcessBuilder java(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
