package dev.baton.store.sqlite;

import dev.baton.spi.ConversationStore.Claim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Dedupe keys: one row per (app, key), with the claimant that took it (NULL for keys recorded by
 * {@code firstSighting}, and for every row of a version-1 file). Runs inside the store's single ordered
 * writer, so of two concurrent attempts on one key exactly one inserts the row. Only the newest
 * {@code capacity} keys are kept: every {@value #TRIM_EVERY} inserts, older rows are deleted.
 */
final class DedupeRows {

    private static final int TRIM_EVERY = 256;
    private static final String INSERT = "INSERT OR IGNORE INTO dedupe_key (app, event_key, claimant) VALUES (?, ?, ?)";
    private static final String TRIM = "DELETE FROM dedupe_key WHERE seq <= last_insert_rowid() - ?";
    private static final String CLAIMANT = "SELECT claimant FROM dedupe_key WHERE app = ? AND event_key = ?";

    private DedupeRows() {}

    /** Inserts the key unless known; true when this call inserted it. {@code claimant} may be null. */
    static boolean insert(SqliteDatabase database, Connection connection, String app, String eventKey,
            String claimant, int capacity) throws SQLException {
        PreparedStatement insert = database.writeStatement(connection, INSERT);
        insert.setString(1, app);
        insert.setString(2, eventKey);
        insert.setString(3, claimant);
        // An update count instead of RETURNING: no result set to open per claim, the hottest write there is.
        if (insert.executeUpdate() == 0) {
            return false;
        }
        if (database.countDedupeInsert() % TRIM_EVERY == 0) {
            PreparedStatement trim = database.writeStatement(connection, TRIM);
            trim.setLong(1, capacity); // last_insert_rowid() is the seq this insert just took
            trim.executeUpdate();
        }
        return true;
    }

    /** Inserts the key for {@code claimant}, or tells who holds it. */
    static Claim claim(SqliteDatabase database, Connection connection, String app, String eventKey,
            String claimant, int capacity) throws SQLException {
        if (insert(database, connection, app, eventKey, claimant, capacity)) {
            return Claim.NEW;
        }
        PreparedStatement query = database.writeStatement(connection, CLAIMANT);
        query.setString(1, app);
        query.setString(2, eventKey);
        try (ResultSet row = query.executeQuery()) {
            // A NULL claimant (firstSighting, or a version-1 row) never matches: a duplicate, as before.
            return row.next() && claimant.equals(row.getString(1)) ? Claim.SAME_CLAIMANT : Claim.DUPLICATE;
        }
    }
}
