package dev.baton.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that opens a connection to the webhook endpoint and stops half-way: in the headers, or in a body
 * shorter than its Content-Length. The server must let it go (answer or close) without holding up others.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code port} and sends part of a POST to {@code /webhooks/<app>}. */
    public static StalledClient start(int port, String app, boolean inHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        String start = "POST /webhooks/" + app + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        String rest = inHeaders ? "Content-Type: appl" : "Content-Type: application/json\r\nContent-Length: 5000\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n\r\n{\"object\":\"page\",";
        out.write((start + rest).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new StalledClient(socket);
    }

    /** True once the server answered (any status) or closed the connection, within {@code limit}. */
    public boolean letGoWithin(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            int first = in.read();
            return first == -1 || first == 'H';
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
