package dev.baton.dispatch;

/** What {@link Dispatcher#accept} made of a verified batch. */
public enum Acceptance {
    /** Journaled (durable) and queued on its conversations' lanes: answer 200. */
    ACCEPTED,
    /** Too many events queued: back-pressure (503 + Retry-After, Meta retries later); nothing kept. */
    FULL,
    /** Not started yet (replay running), draining, or closed: 503; nothing kept. */
    NOT_ACCEPTING,
    /** The journal could not keep the batch (disk full, closed): 503; nothing queued. */
    JOURNAL_UNAVAILABLE
}
