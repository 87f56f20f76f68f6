package dev.baton.benchmarks.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean HTTP/1.1 load client: {@code connections} keep-alive sockets, one thread each, posting signed batches.
 * At a fixed rate (open loop), each request has an intended start time and its latency is measured from
 * there, so a stalled server is not hidden (no coordinated omission). With rate 0 every connection sends as
 * fast as answers come back (closed loop): the throughput ceiling.
 */
final class LoadClient {

    /** One run's outcome. */
    record Result(long ok, long failed, long unsent, double seconds, long[] latenciesNanos) {
        double throughput() {
            return ok / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    interface RequestFactory {
        byte[] request(long sequence);
    }

    static Result run(int port, int connections, double rate, double seconds, RequestFactory requests)
            throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        long end = start + (long) (seconds * 1e9);
        AtomicLong sequence = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong unsent = new AtomicLong();
        // Open loop against a target slower than the rate: stop sending at end + grace and count what was
        // still due as unsent, instead of letting the run stretch to many times its length.
        long giveUp = end + (long) (Math.max(2, seconds) * 1e9);
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        int perThreadCapacity = (int) Math.min(50_000_000L, (long) ((rate > 0 ? rate : 200_000) * seconds / connections) + 1024);
        for (int c = 0; c < connections; c++) {
            long[] own = new long[perThreadCapacity];
            latencies.add(own);
            int index = c;
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                    long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
                    long intended = start + (interval * index) / connections;
                    int n = 0;
                    while (true) {
                        long now = System.nanoTime();
                        if (interval > 0) {
                            if (intended >= end) {
                                break;
                            }
                            if (now > giveUp) {
                                unsent.addAndGet((end - intended + interval - 1) / interval);
                                break;
                            }
                            if (now < intended) {
                                LockSupport.parkNanos(intended - now);
                            }
                        } else {
                            if (now >= end) {
                                break;
                            }
                            intended = Math.max(now, start);
                            if (now < start) {
                                LockSupport.parkNanos(start - now);
                            }
                        }
                        out.write(requests.request(sequence.incrementAndGet()));
                        out.flush();
                        int status = readResponse(in);
                        long latency = System.nanoTime() - intended;
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        if (n < own.length) {
                            own[n++] = latency;
                        }
                        intended += interval;
                    }
                    counts[index] = n;
                } catch (IOException e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies.get(c), 0, all, offset, counts[c]);
            offset += counts[c];
        }
        Arrays.sort(all);
        return new Result(ok.get(), failed.get(), unsent.get(), Math.min(elapsed, seconds + 0.05), all);
    }

    /** Reads one response; answers its status. Expects Content-Length framing (what Jetty sends here). */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int contentLength = 0;
        while (true) {
            line.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.length() == 0) {
                break;
            }
            String text = line.toString();
            if (status < 0) {
                status = Integer.parseInt(text.substring(9, 12));
            } else if (text.regionMatches(true, 0, "content-length:", 0, 15)) {
                contentLength = Integer.parseInt(text.substring(15).trim());
            }
        }
        in.readNBytes(contentLength);
        return status;
    }

    static byte[] post(String path, byte[] body, String signature) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Hub-Signature-256: " + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }
}
