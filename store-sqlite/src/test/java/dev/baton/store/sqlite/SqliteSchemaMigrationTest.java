package dev.baton.store.sqlite;

import static dev.baton.spi.ConversationStore.Claim.DUPLICATE;
import static dev.baton.spi.ConversationStore.Claim.NEW;
import static dev.baton.spi.ConversationStore.Claim.SAME_CLAIMANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.ConversationStore.Claim;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by an older Baton is migrated in place and its keys keep their meaning. */
class SqliteSchemaMigrationTest {

    @TempDir
    Path dir;

    private final List<SqliteStores> opened = new ArrayList<>();

    private SqliteConversationStore open() {
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC());
        opened.add(stores);
        return stores.store();
    }

    private SqliteConversationStore reopen(SqliteConversationStore store) {
        store.close();
        opened.get(opened.size() - 1).close();
        return open();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SqliteStores::close);
    }

    @Test
    void aVersionOneFileGetsTheColumnAndItsOldKeysStayDuplicates() throws SQLException {
        Path file = dir.resolve("baton.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = old.createStatement()) {
            // The dedupe table as version 1 created it, with one key handled back then.
            statement.executeUpdate("""
                    CREATE TABLE dedupe_key (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        app TEXT NOT NULL,
                        event_key TEXT NOT NULL,
                        UNIQUE (app, event_key))""");
            statement.executeUpdate("INSERT INTO dedupe_key (app, event_key) VALUES ('shop', 'message:old')");
            statement.executeUpdate("PRAGMA user_version = 1");
        }
        SqliteConversationStore store = open();
        assertThat(store.claim("shop", "message:old", "3:0")).isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:new", "4:0")).isEqualTo(NEW);
        store = reopen(store); // applying the schema again is harmless
        assertThat(store.claim("shop", "message:new", "4:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:old", "3:0")).isEqualTo(DUPLICATE);
        store.close();
        opened.forEach(SqliteStores::close);
        opened.clear();
        try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = check.createStatement();
                ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            version.next();
            assertThat(version.getInt(1)).isEqualTo(Schema.VERSION);
        }
    }
}
