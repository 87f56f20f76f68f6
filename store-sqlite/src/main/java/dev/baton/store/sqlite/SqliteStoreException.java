package dev.baton.store.sqlite;

/**
 * The SQLite store could not keep a change (disk full, I/O error, closed). The change did not happen: the
 * store's memory and its database are left as they were.
 */
public class SqliteStoreException extends RuntimeException {
    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
