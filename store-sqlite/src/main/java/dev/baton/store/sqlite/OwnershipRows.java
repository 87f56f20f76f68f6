package dev.baton.store.sqlite;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ThreadOwnership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Thread ownership rows: one per conversation, nullable owner and instants. */
final class OwnershipRows {

    static final String UPSERT = "INSERT OR REPLACE INTO ownership"
            + " (page_id, user_id, owner_app_id, since, expires_at, source) VALUES (?, ?, ?, ?, ?, ?)";

    private OwnershipRows() {}

    static void put(PreparedStatement upsert, ConversationKey key, ThreadOwnership ownership) throws SQLException {
        upsert.setString(1, key.pageId());
        upsert.setString(2, key.userId());
        if (ownership.ownerAppId() == null) {
            upsert.setNull(3, Types.VARCHAR);
        } else {
            upsert.setString(3, ownership.ownerAppId());
        }
        setInstant(upsert, 4, ownership.since());
        setInstant(upsert, 5, ownership.expiresAt());
        upsert.setString(6, ownership.source().name());
        upsert.executeUpdate();
    }

    static Optional<ThreadOwnership> find(Connection connection, ConversationKey key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT owner_app_id, since, expires_at, source"
                + " FROM ownership WHERE page_id = ? AND user_id = ?")) {
            query.setString(1, key.pageId());
            query.setString(2, key.userId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ThreadOwnership(row.getString(1), instant(row, 2), instant(row, 3),
                        ThreadOwnership.Source.valueOf(row.getString(4))));
            }
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Instants.toNanos(instant));
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long nanos = row.getLong(column);
        return row.wasNull() ? null : Instants.fromNanos(nanos);
    }
}
