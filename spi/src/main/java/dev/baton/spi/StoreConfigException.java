package dev.baton.spi;

import static java.util.Objects.requireNonNull;

/**
 * A key of the {@code store:} block that a {@link StoreProvider} cannot use: unknown, of the wrong type, or
 * out of range. The runtime reports it as a config error at {@code store.}{@link #key()}. The message must
 * never hold the key's value (it may be a password).
 */
public final class StoreConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String reason;

    public StoreConfigException(String key, String reason) {
        super(requireNonNull(key, "key is null") + ": " + requireNonNull(reason, "reason is null"));
        this.key = key;
        this.reason = reason;
    }

    /** What is wrong with the key, without the key's name or value (e.g. {@code unknown key}). */
    public String reason() {
        return reason;
    }

    /** The key within the {@code store:} block, e.g. {@code retention}. */
    public String key() {
        return key;
    }
}
