package dev.baton.store.sqlite;

import java.util.concurrent.CompletableFuture;

/**
 * A write waiting for the {@link GroupCommitWriter}, with the future its caller holds. A null op is one of
 * the writer's signals ({@link #STOP}, {@link #WAKE}). {@code acknowledgeOffThread}: complete the future on the acknowledging thread, so
 * that work the caller chains onto it does not hold up the next sync. {@code needsSync}: false for a write
 * nobody waits on for durability (marking an event done), which then asks for no sync of its own and becomes
 * durable with the next one.
 */
record PendingWrite<T>(WriteOp<T> op, CompletableFuture<T> future, boolean acknowledgeOffThread,
        boolean needsSync) {

    static final PendingWrite<Void> STOP = new PendingWrite<>(null, null, false, false);
    /** Wakes the writer to commit the transaction it keeps open (see {@link GroupCommitWriter}). */
    static final PendingWrite<Void> WAKE = new PendingWrite<>(null, null, false, false);

    @SuppressWarnings("unchecked")
    Runnable completion(Object result, Throwable failure) {
        return failure == null ? () -> future.complete((T) result) : () -> future.completeExceptionally(failure);
    }
}
