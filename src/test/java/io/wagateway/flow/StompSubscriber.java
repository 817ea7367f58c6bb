package io.wagateway.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reporting system as an outside process sees the broker: plain STOMP 1.2 over TCP, reading a durable
 * subscription queue by its fully qualified name (colons escaped as the STOMP 1.2 spec says).
 */
final class StompSubscriber implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    StompSubscriber(int port, String queue) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(500);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        send("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
        String connected = readFrame(5000);
        if (connected == null || !connected.startsWith("CONNECTED")) {
            throw new IOException("no CONNECTED frame: " + connected);
        }
        send("SUBSCRIBE\nid:1\nack:auto\ndestination:" + queue.replace(":", "\\c") + "\n\n");
    }

    /** The bodies of the MESSAGE frames that arrive within {@code millis}. */
    List<String> receive(long millis) throws IOException {
        List<String> bodies = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            String frame = readFrame(end - System.currentTimeMillis());
            if (frame != null && frame.startsWith("MESSAGE")) {
                bodies.add(frame.substring(frame.indexOf("\n\n") + 2));
            }
        }
        return bodies;
    }

    private void send(String frame) throws IOException {
        out.write((frame + "\0").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readFrame(long millis) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (b < 0) {
                return null;
            }
            if (b == 0) {
                return frame.toString(StandardCharsets.UTF_8).stripLeading();
            }
            frame.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        send("DISCONNECT\n\n");
        socket.close();
    }
}
