package dev.baton.launcher;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /** One keep-alive connection. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        boolean closedByServer;

        Connection(int port, Duration readTimeout) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Writes the request, reads the whole answer; its status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (RuntimeException e) {
                throw new IOException("not an HTTP status line");
            }
            long length = -1;
            boolean chunked = false;
            closedByServer = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closedByServer = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0) {
                closedByServer = true; // an answer ended by closing: this connection is done
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void skip(long count) throws IOException {
            for (long left = count; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
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
