package dev.baton.store.sqlite;

import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;

/** Reading SQLite's result codes out of JDBC exceptions. */
final class SqliteErrors {

    /**
     * Primary result codes after which SQLite's documentation asks for an explicit ROLLBACK, because the
     * transaction may already be gone: the whole group of writes fails.
     */
    private static final Set<Integer> SPOILING = Set.of(
            SQLiteErrorCode.SQLITE_FULL.code, SQLiteErrorCode.SQLITE_IOERR.code, SQLiteErrorCode.SQLITE_NOMEM.code,
            SQLiteErrorCode.SQLITE_BUSY.code, SQLiteErrorCode.SQLITE_LOCKED.code,
            SQLiteErrorCode.SQLITE_CORRUPT.code, SQLiteErrorCode.SQLITE_CANTOPEN.code,
            SQLiteErrorCode.SQLITE_READONLY.code, SQLiteErrorCode.SQLITE_NOTADB.code,
            SQLiteErrorCode.SQLITE_INTERRUPT.code);

    private SqliteErrors() {}

    static boolean spoilsTransaction(SQLException e) {
        return SPOILING.contains(primaryCode(e));
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && primaryCode(sql) == SQLiteErrorCode.SQLITE_FULL.code) {
                return true;
            }
        }
        return false;
    }

    private static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xff;
    }

    /** The SQLite result code name (no SQL, no values), safe for logs and messages. */
    static String describe(SQLException e) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(primaryCode(e));
        return code == SQLiteErrorCode.UNKNOWN_ERROR ? "SQL error " + e.getErrorCode() : code.name();
    }
}
