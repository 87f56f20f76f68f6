package dev.baton.launcher;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A small HTTP/1.1 keep-alive client over raw sockets for the warm-up: a few connections to a loopback port,
 * each sending one request and reading its whole answer before the next (closed loop), until a deadline or a
 * request budget. Raw sockets rather than {@code java.net.http}: the JDK client would spend the warm-up's core
 * compiling its own code, and the warm-up needs only status lines and lengths. It reads {@code Content-Length}
 * and chunked answers and reconnects when the server closes a connection. Not a general client: no redirects,
 * no TLS, no pipelining.
 */
final class WarmupClient {

    /** What the connections did, summed. */
    record Counts(long requests, long ok, long otherStatus, long ioFailures) {}

    private final int port;
    private final int connections;
    private final Duration readTimeout;
    private final LongFunction<byte[]> requests;

    /** {@code requests} makes request number n (n counted across all connections, from 0). */
    WarmupClient(int port, int connections, Duration readTimeout, LongFunction<byte[]> requests) {
        this.port = port;
        this.connections = connections;
        this.readTimeout = readTimeout;
        this.requests = requests;
    }

    /** Drives the server until {@code deadlineNanos} ({@link System#nanoTime}) or {@code maxRequests} sent. */
    Counts run(long deadlineNanos, long maxRequests) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                Connection connection = null;
                try {
                    while (System.nanoTime() < deadlineNanos) {
                        long n = sequence.getAndIncrement();
                        if (n >= maxRequests) {
                            break;
                        }
                        try {
                            if (connection == null) {
                                connection = new Connection(port, readTimeout);
                            }
                            int status = connection.exchange(requests.apply(n));
                            (status == 200 ? ok : other).incrementAndGet();
                            if (connection.closedByServer) {
                                connection.close();
                                connection = null;
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            if (connection != null) {
                                connection.close();
                                connection = null;
                            }
                            if (failures.get() > 100) {
                                return; // the throwaway server is gone; nothing left to warm
                            }
                        }
                    }
                } finally {
                    if (connection != null) {
                        connection.close();
                    }
                }
            }, "baton-warmup-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long answered = ok.get() + other.get();
        return new Counts(answered, ok.get(), other.get(), failures.get());
    }

    /**
     * One keep-alive connection. Answers are read in bulk into one buffer and scanned there: the client shares
     * the core and the JIT with the server it warms, so it should cost little and compile little.
     */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] buffer = new byte[8192];
        private int start;
        private int end;
        boolean closedByServer;

        Connection(int port, Duration readTimeout) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        /** Writes the request, reads the whole answer; its status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            int headEnd = headEnd();
            if (headEnd - start < 12 || buffer[start] != 'H') {
                throw new IOException("not an HTTP status line");
            }
            int status = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
            String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            start = headEnd;
            closedByServer = head.contains("\nconnection: close");
            int lengthAt = head.indexOf("\ncontent-length:");
            if (lengthAt >= 0) {
                int lineEnd = head.indexOf('\r', lengthAt + 1);
                skip(Long.parseLong(head.substring(lengthAt + 16, lineEnd).trim()));
            } else if (head.contains("\ntransfer-encoding: chunked")) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size + 2);
                }
                skip(2); // the empty line after the last chunk (Jetty sends no trailers)
            } else {
                closedByServer = true; // an answer ended by closing: this connection is done
            }
            return status;
        }

        /** Reads until the blank line ending the header block; the index just after it. */
        private int headEnd() throws IOException {
            while (true) {
                for (int i = start; i + 3 < end; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                        return i + 4;
                    }
                }
                fill(); // header blocks are a few hundred bytes: scanning again from the start costs nothing
            }
        }

        private long chunkSize() throws IOException {
            int lineEnd;
            while ((lineEnd = indexOfNewline()) < 0) {
                fill();
            }
            String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1).trim();
            start = lineEnd + 1;
            int extension = line.indexOf(';');
            return Long.parseLong(extension >= 0 ? line.substring(0, extension) : line, 16);
        }

        private int indexOfNewline() {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                if (start == end) {
                    fill();
                }
                int taken = (int) Math.min(left, end - start);
                start += taken;
                left -= taken;
            }
        }

        /** Reads more bytes after what is buffered (compacting, or growing for a long header block). */
        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                if (buffer.length >= 1 << 20) {
                    throw new IOException("answer header block too long");
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                throw new EOFException("connection closed");
            }
            end += read;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the warm-up goes on with a new connection
            }
        }
    }

    @Override
    public String toString() {
        return "WarmupClient[127.0.0.1:" + port + ", " + connections + " connections]";
    }
}
