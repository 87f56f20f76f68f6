package dev.baton.store.sqlite;

import dev.baton.spi.JournaledBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The journal's SQL: batches, their bodies and their done-bitmaps (see {@link Schema}). */
final class JournalRows {

    private static final String INSERT_BATCH = "INSERT INTO journal_batch (app, received_at, event_count, done,"
            + " complete) VALUES (?, ?, ?, zeroblob(?), ?) RETURNING id";
    private static final String INSERT_BODY = "INSERT INTO journal_body (batch_id, body) VALUES (?, ?)";
    private static final String FIND_OPEN = "SELECT event_count, done FROM journal_batch WHERE id = ? AND complete = 0";
    private static final String UPDATE_DONE = "UPDATE journal_batch SET done = ?, complete = ? WHERE id = ?";
    /** The common case, a batch of one event, in one statement instead of a read and a write. */
    private static final String COMPLETE_SINGLE = "UPDATE journal_batch SET done = X'01', complete = 1"
            + " WHERE id = ? AND complete = 0 AND event_count = 1";
    private static final String PRUNE_BODIES = "DELETE FROM journal_body WHERE batch_id IN"
            + " (SELECT id FROM journal_batch WHERE complete = 1 AND received_at < ?)";
    private static final String PRUNE_BATCHES = "DELETE FROM journal_batch WHERE complete = 1 AND received_at < ?";

    /** What {@link #markDone} did, for the caller's log. */
    enum MarkResult { MARKED, ALREADY_DONE_OR_GONE, OUT_OF_RANGE }

    private JournalRows() {}

    static long insert(SqliteDatabase database, Connection connection, String appName, byte[] body,
            Instant receivedAt, int eventCount) throws SQLException {
        PreparedStatement batch = database.writeStatement(connection, INSERT_BATCH);
        batch.setString(1, appName);
        batch.setLong(2, Instants.toNanos(receivedAt));
        batch.setInt(3, eventCount);
        batch.setInt(4, bitmapBytes(Math.max(eventCount, 1)));
        batch.setInt(5, eventCount == 0 ? 1 : 0);
        long id;
        try (ResultSet result = batch.executeQuery()) {
            result.next();
            id = result.getLong(1);
        }
        PreparedStatement bodyRow = database.writeStatement(connection, INSERT_BODY);
        bodyRow.setLong(1, id);
        bodyRow.setBytes(2, body);
        bodyRow.executeUpdate();
        return id;
    }

    static MarkResult markDone(SqliteDatabase database, Connection connection, long batchId, int eventIndex)
            throws SQLException {
        if (eventIndex == 0) {
            PreparedStatement single = database.writeStatement(connection, COMPLETE_SINGLE);
            single.setLong(1, batchId);
            if (single.executeUpdate() == 1) {
                return MarkResult.MARKED;
            }
            // Not a one-event batch still open: the general path below tells which case it is.
        }
        PreparedStatement find = database.writeStatement(connection, FIND_OPEN);
        find.setLong(1, batchId);
        int eventCount;
        byte[] done;
        try (ResultSet open = find.executeQuery()) {
            if (!open.next()) {
                return MarkResult.ALREADY_DONE_OR_GONE;
            }
            eventCount = open.getInt(1);
            done = open.getBytes(2);
        }
        if (eventCount >= 0 && eventIndex >= eventCount) {
            return MarkResult.OUT_OF_RANGE;
        }
        if (eventIndex / 8 >= done.length) {
            done = Arrays.copyOf(done, eventIndex / 8 + 1); // only batches whose event count is unknown grow
        }
        int mask = 1 << (eventIndex % 8);
        if ((done[eventIndex / 8] & mask) != 0) {
            return MarkResult.ALREADY_DONE_OR_GONE;
        }
        done[eventIndex / 8] |= (byte) mask;
        boolean complete = eventCount >= 0 && doneCount(done) >= eventCount;
        PreparedStatement update = database.writeStatement(connection, UPDATE_DONE);
        update.setBytes(1, done);
        update.setInt(2, complete ? 1 : 0);
        update.setLong(3, batchId);
        update.executeUpdate();
        return MarkResult.MARKED;
    }

    static List<JournaledBatch> pending(Connection connection) throws SQLException {
        List<JournaledBatch> batches = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT b.id, b.app, y.body, b.received_at, b.done"
                + " FROM journal_batch b JOIN journal_body y ON y.batch_id = b.id WHERE b.complete = 0 ORDER BY b.id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                batches.add(new JournaledBatch(rows.getLong(1), rows.getString(2), rows.getBytes(3),
                        Instants.fromNanos(rows.getLong(4)), indexes(rows.getBytes(5))));
            }
        }
        return batches;
    }

    static int prune(SqliteDatabase database, Connection connection, Instant cutoff) throws SQLException {
        long cutoffNanos = Instants.toNanos(cutoff);
        PreparedStatement bodies = database.writeStatement(connection, PRUNE_BODIES);
        bodies.setLong(1, cutoffNanos);
        bodies.executeUpdate();
        PreparedStatement batches = database.writeStatement(connection, PRUNE_BATCHES);
        batches.setLong(1, cutoffNanos);
        return batches.executeUpdate();
    }

    private static int bitmapBytes(int bits) {
        return (bits + 7) / 8;
    }

    private static int doneCount(byte[] bitmap) {
        int count = 0;
        for (byte bits : bitmap) {
            count += Integer.bitCount(bits & 0xff);
        }
        return count;
    }

    private static Set<Integer> indexes(byte[] bitmap) {
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < bitmap.length * 8; i++) {
            if ((bitmap[i / 8] & (1 << (i % 8))) != 0) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
