package dev.baton.store.sqlite;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;

/** Reading SQLite's result codes out of JDBC exceptions. */
final class SqliteErrors {

    private SqliteErrors() {}

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
