package dev.baton.store.postgres;

/** PostgreSQL failed a store operation (connection lost, server refused); the message names the operation. */
public final class PostgresStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PostgresStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
