package dev.baton.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of the journal and the conversation store, created when missing. Instants are stored as
 * nanoseconds since the epoch ({@link Instants}).
 *
 * <p>A batch's raw body sits in its own table so that marking events done rewrites only a small row. Which
 * events are done is a bitmap ({@code journal_batch.done}) allocated at full size when the batch is
 * appended: marking an event done then never needs a new page, so a full disk cannot stop the journal from
 * recording progress and pruning, which is how it gets room again. {@code complete} serves "what is still
 * open" and "what may be pruned" through two small partial indexes.
 */
final class Schema {

    /**
     * 2: {@code dedupe_key.claimant} (which journal entry or timer firing claimed a key). 3: {@code call_record}
     * (the send record: what each call a callback made to Meta came back with).
     */
    static final int VERSION = 3;

    private static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE IF NOT EXISTS journal_batch (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                app TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                event_count INTEGER NOT NULL,
                done BLOB NOT NULL,
                complete INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS journal_batch_open ON journal_batch(id) WHERE complete = 0",
            "CREATE INDEX IF NOT EXISTS journal_batch_prunable ON journal_batch(received_at) WHERE complete = 1",
            """
            CREATE TABLE IF NOT EXISTS journal_body (
                batch_id INTEGER PRIMARY KEY,
                body BLOB NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS dedupe_key (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                app TEXT NOT NULL,
                event_key TEXT NOT NULL,
                claimant TEXT,
                UNIQUE (app, event_key))""",
            """
            CREATE TABLE IF NOT EXISTS ownership (
                page_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                owner_app_id TEXT,
                since INTEGER,
                expires_at INTEGER,
                source TEXT NOT NULL,
                PRIMARY KEY (page_id, user_id)) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS last_user_message (
                page_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                PRIMARY KEY (page_id, user_id)) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS app_state (
                app TEXT NOT NULL,
                page_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (app, page_id, user_id, name)) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS timer (
                app TEXT NOT NULL,
                page_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                name TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                PRIMARY KEY (app, page_id, user_id, name)) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS timer_due ON timer(due_at)",
            """
            CREATE TABLE IF NOT EXISTS call_record (
                row INTEGER PRIMARY KEY AUTOINCREMENT,
                app TEXT NOT NULL,
                claimant TEXT NOT NULL,
                seq INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                outcome TEXT NOT NULL,
                UNIQUE (app, claimant, seq))""");

    private Schema() {}

    /** Creates what is missing; fails on a database written by a newer, unknown schema. */
    static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int version;
            try (var result = statement.executeQuery("PRAGMA user_version")) {
                version = result.next() ? result.getInt(1) : 0;
            }
            if (version > VERSION) {
                throw new SQLException("the database has schema version " + version + "; this Baton knows "
                        + VERSION);
            }
            for (String sql : STATEMENTS) {
                statement.executeUpdate(sql);
            }
            addClaimantColumn(statement);
            statement.executeUpdate("PRAGMA user_version = " + VERSION);
        }
    }

    /**
     * A version-1 file has dedupe keys without a claimant: the column is added and its old rows keep NULL,
     * which {@code claim} treats as held by someone else (a duplicate), as version 1 did.
     */
    private static void addClaimantColumn(Statement statement) throws SQLException {
        try (var columns = statement.executeQuery("PRAGMA table_info(dedupe_key)")) {
            while (columns.next()) {
                if ("claimant".equals(columns.getString("name"))) {
                    return;
                }
            }
        }
        statement.executeUpdate("ALTER TABLE dedupe_key ADD COLUMN claimant TEXT");
    }
}
