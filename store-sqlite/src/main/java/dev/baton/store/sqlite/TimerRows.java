package dev.baton.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.StoredTimer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Apps' timers: one per app, conversation and timer name; setting it again moves it. */
final class TimerRows {

    private TimerRows() {}

    /** {@code StoredTimer} has no compact constructor; refuse a half-filled one before it reaches the disk. */
    static void check(StoredTimer timer) {
        requireNonNull(timer.appName(), "timer.appName is null");
        requireNonNull(timer.key(), "timer.key is null");
        requireNonNull(timer.timerName(), "timer.timerName is null");
        requireNonNull(timer.dueAt(), "timer.dueAt is null");
    }

    static Integer put(SqliteDatabase database, Connection connection, StoredTimer timer) throws SQLException {
        PreparedStatement upsert = database.writeStatement(connection,
                "INSERT OR REPLACE INTO timer (app, page_id, user_id, name, due_at) VALUES (?, ?, ?, ?, ?)");
        upsert.setString(1, timer.appName());
        upsert.setString(2, timer.key().pageId());
        upsert.setString(3, timer.key().userId());
        upsert.setString(4, timer.timerName());
        upsert.setLong(5, Instants.toNanos(timer.dueAt()));
        return upsert.executeUpdate();
    }

    static Integer remove(SqliteDatabase database, Connection connection, String appName, ConversationKey key,
            String timerName) throws SQLException {
        PreparedStatement delete = database.writeStatement(connection,
                "DELETE FROM timer WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?");
        delete.setString(1, appName);
        delete.setString(2, key.pageId());
        delete.setString(3, key.userId());
        delete.setString(4, timerName);
        return delete.executeUpdate();
    }

    static List<StoredTimer> all(Connection connection) throws SQLException {
        List<StoredTimer> timers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT app, page_id, user_id, name, due_at"
                + " FROM timer ORDER BY due_at, app, page_id, user_id, name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                timers.add(new StoredTimer(rows.getString(1), new ConversationKey(rows.getString(2),
                        rows.getString(3)), rows.getString(4), Instants.fromNanos(rows.getLong(5))));
            }
        }
        return timers;
    }
}
