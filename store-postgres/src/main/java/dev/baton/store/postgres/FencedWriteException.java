package dev.baton.store.postgres;

/**
 * A write that depends on holding a bucket was refused: this instance does not hold the bucket's lease with
 * the epoch it wrote with (a newer holder exists, or the lease ran out while this instance was paused). The
 * event or timer it belonged to stays undone in the journal, and the bucket's holder runs it.
 */
public final class FencedWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int bucket;

    FencedWriteException(int bucket, String what) {
        super(what + " refused: this instance no longer holds bucket " + bucket);
        this.bucket = bucket;
    }

    public int bucket() {
        return bucket;
    }
}
