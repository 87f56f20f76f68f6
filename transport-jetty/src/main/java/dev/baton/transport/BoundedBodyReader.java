package dev.baton.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body into one array without blocking a thread while the client is slow, and stops as
 * soon as it would pass {@code maxBytes} (so a chunked body cannot grow past the limit either). Completes
 * exceptionally with {@link BodyTooLargeException}, or with the read failure (a timeout when the connection
 * went idle).
 *
 * <p>Once the exchange has answered without the whole body (408, 503), it {@link #abandon abandons} the read:
 * the request is complete from Jetty's side, and reading it again throws {@code IllegalStateException: channel
 * already completed}. A body that keeps arriving after that is no fault of the server: it is counted
 * ({@code onLateBody}, once per request) and left for Jetty to discard with the connection.
 */
final class BoundedBodyReader implements Runnable {

    private static final int INITIAL_UNKNOWN_LENGTH_CAPACITY = 8 * 1024;

    private final Request request;
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final Runnable onLateBody;
    private final AtomicBoolean lateCounted = new AtomicBoolean();
    private volatile boolean abandoned;
    private byte[] bytes;
    private int size;

    private BoundedBodyReader(Request request, int maxBytes, Runnable onLateBody) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.onLateBody = onLateBody;
        long length = request.getLength();
        int initial = length >= 0 ? (int) Math.min(length, maxBytes) : Math.min(INITIAL_UNKNOWN_LENGTH_CAPACITY, maxBytes);
        this.bytes = new byte[initial];
    }

    /** Starts reading; {@link #result()} completes with the body or the failure. */
    static BoundedBodyReader read(Request request, int maxBytes, Runnable onLateBody) {
        BoundedBodyReader reader = new BoundedBodyReader(request, maxBytes, onLateBody);
        reader.run();
        return reader;
    }

    CompletableFuture<byte[]> result() {
        return result;
    }

    /** The request was answered before its body was read: read no more, count what still arrives. */
    void abandon() {
        abandoned = true;
    }

    /** Reads what is available; asks to be called again when more arrives. */
    @Override
    public void run() {
        try {
            readAvailable();
        } catch (IllegalStateException e) {
            if (!abandoned) {
                throw e;
            }
            // The answer completed the request while this read was under way: the late-body case.
            countLateBody();
        }
    }

    private void countLateBody() {
        if (lateCounted.compareAndSet(false, true)) {
            onLateBody.run();
        }
    }

    private void readAvailable() {
        while (true) {
            if (abandoned) {
                countLateBody();
                return;
            }
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            boolean fits = append(chunk.getByteBuffer());
            chunk.release();
            if (!fits) {
                result.completeExceptionally(new BodyTooLargeException());
                return;
            }
            if (last) {
                result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                return;
            }
        }
    }

    private boolean append(ByteBuffer buffer) {
        int count = buffer.remaining();
        if (count > maxBytes - size) {
            return false;
        }
        if (size + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max((long) bytes.length * 2, size + count)));
        }
        buffer.get(bytes, size, count);
        size += count;
        return true;
    }
}
