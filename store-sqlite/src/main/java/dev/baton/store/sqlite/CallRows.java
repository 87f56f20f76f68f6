package dev.baton.store.sqlite;

import dev.baton.spi.ConversationStore.RecordedCall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The send record: one row per call a callback made to Meta, keyed by (app, claimant, seq), the outcome as the
 * dispatcher encoded it. Written inside the store's ordered writer and synced before the call returns to the
 * app. A record is needed only until its event is marked done, and read only when the event is redelivered
 * (at start-up, for the few events in flight at a crash), so only the newest {@code capacity} rows are kept:
 * every {@value #TRIM_EVERY} inserts, older rows are deleted, as for dedupe keys.
 */
final class CallRows {

    private static final int TRIM_EVERY = 256;
    private static final String UPSERT = "INSERT OR REPLACE INTO call_record (app, claimant, seq, fingerprint, outcome)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING row";

    private CallRows() {}

    static Integer put(SqliteDatabase database, Connection connection, String app, String claimant, RecordedCall call,
            int capacity) throws SQLException {
        PreparedStatement upsert = database.writeStatement(connection, UPSERT);
        upsert.setString(1, app);
        upsert.setString(2, claimant);
        upsert.setInt(3, call.seq());
        upsert.setString(4, call.fingerprint());
        upsert.setString(5, call.outcome());
        long row;
        try (ResultSet inserted = upsert.executeQuery()) {
            inserted.next();
            row = inserted.getLong(1);
        }
        if (row % TRIM_EVERY == 0) {
            PreparedStatement trim = database.writeStatement(connection, "DELETE FROM call_record WHERE row <= ?");
            trim.setLong(1, row - capacity);
            trim.executeUpdate();
        }
        return 1;
    }

    static List<RecordedCall> find(Connection connection, String app, String claimant) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, fingerprint, outcome FROM call_record WHERE app = ? AND claimant = ? ORDER BY seq")) {
            query.setString(1, app);
            query.setString(2, claimant);
            List<RecordedCall> calls = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    calls.add(new RecordedCall(rows.getInt(1), rows.getString(2), rows.getString(3)));
                }
            }
            return List.copyOf(calls);
        }
    }
}
