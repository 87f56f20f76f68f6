package dev.baton.store.sqlite;

import java.util.List;

/**
 * A group of writes the writer has run: each write's result or failure, and whether any of them was
 * committed, in which case the group is durable only after the next sync of the write-ahead log.
 */
record WrittenGroup(List<PendingWrite<?>> writes, Object[] results, Throwable[] failures, boolean committed) {

    static final WrittenGroup STOP = new WrittenGroup(List.of(), new Object[0], new Throwable[0], false);

    /** Committed, with a write whose caller waits for it to be durable. */
    boolean needsSync() {
        return committed && writes.stream().anyMatch(PendingWrite::needsSync);
    }
}
