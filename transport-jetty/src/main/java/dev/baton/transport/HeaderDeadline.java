package dev.baton.transport;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes an HTTP connection whose request header block has not arrived within {@code headerTimeout} of its
 * first byte. Jetty 12 has no such deadline: its idle timeout restarts with every byte, so a client sending one
 * byte every few seconds holds a connection (and its buffers) for as long as it likes, and the request timeout
 * only starts once the headers are in.
 *
 * <p>How: every HTTP connection is registered when it opens (a {@link Connection.Listener} on the connector).
 * While it waits for a request, a sweep every {@code tick} compares its received byte count with the count when it
 * last became idle; the first sweep that sees more bytes starts the clock, and the connection is closed once the
 * clock passes the deadline with no request handled yet. The {@link #wrap wrapped handler} marks a connection busy
 * while a request is handled (its headers are complete by then) and idle again once the answer is sent. An idle
 * keep-alive connection that sends nothing is left to the idle timeout, as before. The sweep sees the first byte
 * up to one tick late, so a connection is closed between {@code headerTimeout} and {@code headerTimeout + tick}
 * after it.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {

    private final long timeoutNanos;
    private final long tickMillis;
    private final Scheduler scheduler;
    private final Counter closed;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    HeaderDeadline(java.time.Duration timeout, Scheduler scheduler, Counter closed) {
        this.timeoutNanos = timeout.toNanos();
        this.tickMillis = Math.max(20, Math.min(250, timeout.toMillis() / 10));
        this.scheduler = scheduler;
        this.closed = closed;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        schedule();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        watches.clear();
        super.doStop();
    }

    @Override
    public void onOpened(Connection connection) {
        // Only the HTTP connection carries requests; a TLS connection under it counts encrypted bytes.
        if (connection instanceof ConnectionMetaData) {
            watches.put(connection, new Watch(connection));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        watches.remove(connection);
    }

    /** Marks the request's connection busy while {@code handler} handles it, idle again once answered. */
    Handler wrap(Handler handler) {
        return new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Watch watch = watches.get(request.getConnectionMetaData().getConnection());
                if (watch == null) {
                    return super.handle(request, response, callback);
                }
                watch.busy = true;
                return super.handle(request, response, Callback.from(callback, watch::idle));
            }
        };
    }

    int watched() {
        return watches.size();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = scheduler.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Watch watch : watches.values()) {
                if (watch.expired(now, timeoutNanos)) {
                    watches.remove(watch.connection);
                    closed.increment();
                    watch.connection.close();
                }
            }
        } finally {
            schedule();
        }
    }

    /** One HTTP connection: busy while a request is handled; otherwise how many bytes it had when it went idle. */
    private static final class Watch {

        final Connection connection;
        volatile boolean busy;
        volatile long bytesWhenIdle;
        /** Requests the connection had parsed when it went idle: one more means headers are in, not yet handled. */
        volatile long messagesWhenIdle;
        /** When a sweep first saw bytes of the next request; 0 while none. Only the sweep sets it (idle resets). */
        volatile long firstByteSeen;

        Watch(Connection connection) {
            this.connection = connection;
        }

        void idle() {
            bytesWhenIdle = connection.getBytesIn();
            messagesWhenIdle = connection.getMessagesIn();
            firstByteSeen = 0;
            busy = false;
        }

        boolean expired(long now, long timeoutNanos) {
            if (busy || connection.getMessagesIn() > messagesWhenIdle) {
                return false; // handled now, or parsed and waiting for a thread on a loaded machine: not a trickle
            }
            if (connection.getBytesIn() <= bytesWhenIdle) {
                firstByteSeen = 0; // nothing new (or an idle() raced the last sweep): start again
                return false;
            }
            long seen = firstByteSeen;
            if (seen == 0) {
                firstByteSeen = now == 0 ? 1 : now;
                return false;
            }
            return now - seen >= timeoutNanos;
        }
    }
}
