package dev.baton.store.sqlite;

import static dev.baton.spi.ConversationStore.Claim.DUPLICATE;
import static dev.baton.spi.ConversationStore.Claim.NEW;
import static dev.baton.spi.ConversationStore.Claim.SAME_CLAIMANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreClaimTest {

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
    void theClaimantIsKeptAcrossARestart() {
        SqliteConversationStore store = open();
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(NEW);
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:m1", "9:1")).isEqualTo(DUPLICATE);
        assertThat(store.claim("default", "message:m1", "9:1")).as("per app").isEqualTo(NEW);
        assertThat(store.firstSighting("shop", "plain")).isTrue();

        store = reopen(store);
        assertThat(store.claim("shop", "message:m1", "7:0")).as("the crash window: same entry again")
                .isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:m1", "9:1")).as("Meta's repeat").isEqualTo(DUPLICATE);
        assertThat(store.claim("default", "message:m1", "9:1")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "plain", "1:0")).as("sighted without a claimant").isEqualTo(DUPLICATE);
        assertThat(store.firstSighting("shop", "message:m1")).isFalse();
        assertThat(store.claim("shop", "message:m2", "10:0")).isEqualTo(NEW);
    }

    @Test
    void ofManyThreadsClaimingOneKeyExactlyOneIsNew() {
        SqliteConversationStore store = open();
        for (int round = 0; round < 10; round++) {
            String key = "m-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Claim>> racers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String claimant = "entry-" + t;
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return store.claim("app", key, claimant);
                }, runnable -> new Thread(runnable).start()));
            }
            start.countDown();
            List<Claim> results = racers.stream().map(CompletableFuture::join).toList();
            assertThat(results).as("round %d", round).filteredOn(NEW::equals).hasSize(1);
            assertThat(results).as("round %d", round).filteredOn(DUPLICATE::equals).hasSize(7);
            String winner = "entry-" + results.indexOf(NEW);
            assertThat(store.claim("app", key, winner)).isEqualTo(SAME_CLAIMANT);
        }
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

    @Test
    void nullsAreRefusedAndChangeNothing() {
        SqliteConversationStore store = open();
        assertThatThrownBy(() -> store.claim("a", "k", null)).hasMessage("claimant is null");
        assertThatThrownBy(() -> store.claim("a", null, "c")).hasMessage("eventKey is null");
        assertThatThrownBy(() -> store.claim(null, "k", "c")).hasMessage("appName is null");
        assertThat(Sql.count(dir.resolve("baton.db"), "dedupe_key")).isZero();
    }
}
