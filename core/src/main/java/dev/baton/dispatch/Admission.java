package dev.baton.dispatch;

/**
 * The dispatcher's answer to "may a batch of n events come in?". An accepted admission holds room for the
 * events (counted in the queue depth, so a drain waits for them) until it is either handed to
 * {@link Dispatcher#enqueue} or given back with {@link Dispatcher#cancel}; exactly one of the two.
 */
public final class Admission {

    /** Why an admission was refused; {@link #ACCEPTED} when it was not. */
    public enum Status {
        ACCEPTED,
        /** Too many events queued: back-pressure (HTTP 503, Meta retries later). */
        FULL,
        /** Not started yet (replay running), draining, or closed. */
        NOT_ACCEPTING
    }

    static final Admission FULL = new Admission(Status.FULL, 0, 0);
    static final Admission NOT_ACCEPTING = new Admission(Status.NOT_ACCEPTING, 0, 0);

    private final Status status;
    private final int events;
    private final int permits;
    private boolean used;

    Admission(Status status, int events, int permits) {
        this.status = status;
        this.events = events;
        this.permits = permits;
    }

    public Status status() {
        return status;
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    int events() {
        return events;
    }

    int permits() {
        return permits;
    }

    /** Marks the admission spent; false when it already was (or was never accepted). */
    synchronized boolean use() {
        if (!accepted() || used) {
            return false;
        }
        used = true;
        return true;
    }
}
