package dev.baton.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body into one array without blocking a thread while the client is slow, and stops as
 * soon as it would pass {@code maxBytes} (so a chunked body cannot grow past the limit either). Completes
 * exceptionally with {@link BodyTooLargeException}, or with the read failure (a timeout when the connection
 * went idle).
 */
final class BoundedBodyReader implements Runnable {

    private static final int INITIAL_UNKNOWN_LENGTH_CAPACITY = 8 * 1024;

    private final Request request;
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes;
    private int size;

    private BoundedBodyReader(Request request, int maxBytes) {
        this.request = request;
        this.maxBytes = maxBytes;
        long length = request.getLength();
        int initial = length >= 0 ? (int) Math.min(length, maxBytes) : Math.min(INITIAL_UNKNOWN_LENGTH_CAPACITY, maxBytes);
        this.bytes = new byte[initial];
    }

    static CompletableFuture<byte[]> read(Request request, int maxBytes) {
        BoundedBodyReader reader = new BoundedBodyReader(request, maxBytes);
        reader.run();
        return reader.result;
    }

    /** Reads what is available; asks to be called again when more arrives. */
    @Override
    public void run() {
        while (true) {
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
