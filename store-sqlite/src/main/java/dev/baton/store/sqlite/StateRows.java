package dev.baton.store.sqlite;

import dev.baton.store.sqlite.SqliteConversationStore.StateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Apps' named values per conversation. */
final class StateRows {

    private StateRows() {}

    static Optional<String> find(Connection connection, StateKey key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT value FROM app_state WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?")) {
            bind(query, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    static Integer put(SqliteDatabase database, Connection connection, StateKey key, String value)
            throws SQLException {
        PreparedStatement upsert = database.writeStatement(connection,
                "INSERT OR REPLACE INTO app_state (app, page_id, user_id, name, value) VALUES (?, ?, ?, ?, ?)");
        bind(upsert, key);
        upsert.setString(5, value);
        return upsert.executeUpdate();
    }

    static Integer remove(SqliteDatabase database, Connection connection, StateKey key) throws SQLException {
        PreparedStatement delete = database.writeStatement(connection,
                "DELETE FROM app_state WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?");
        bind(delete, key);
        return delete.executeUpdate();
    }

    private static void bind(PreparedStatement statement, StateKey key) throws SQLException {
        statement.setString(1, key.appName());
        statement.setString(2, key.key().pageId());
        statement.setString(3, key.key().userId());
        statement.setString(4, key.name());
    }
}
