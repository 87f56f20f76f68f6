package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite store does (bounded caches, trimming the dedupe table, refusing writes once closed).
 * Every promise of the SPI is checked by baton-testing's {@code SqliteConversationStoreContractTest}.
 */
class SqliteConversationStoreTest {

    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final ConversationKey BOB = new ConversationKey("100", "bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000001Z");

    @TempDir
    Path dir;

    private final List<SqliteStores> opened = new ArrayList<>();

    private SqliteConversationStore open(SqliteStores.Settings settings) {
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), settings, new SimpleMeterRegistry(),
                Clock.systemUTC());
        opened.add(stores);
        return stores.store();
    }

    private SqliteConversationStore open() {
        return open(SqliteStores.Settings.defaults());
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
    void readsStayCorrectWhenTheCacheIsFarSmallerThanTheData() {
        SqliteConversationStore store = open(SqliteStores.Settings.defaults().withCacheCapacity(4));
        for (int i = 0; i < 20; i++) {
            ConversationKey key = new ConversationKey("100", "user-" + i);
            store.putState("app", key, "n", Integer.toString(i));
            store.putLastUserMessage(key, T0.plusSeconds(i));
        }
        for (int i = 0; i < 20; i++) {
            ConversationKey key = new ConversationKey("100", "user-" + i);
            assertThat(store.state("app", key, "n")).contains(Integer.toString(i));
            assertThat(store.lastUserMessage(key)).contains(T0.plusSeconds(i));
        }
    }

    @Test
    void keepsAtLeastTheNewestCapacityKeysAndForgetsTheOldest() {
        int capacity = 50;
        SqliteConversationStore store = open(SqliteStores.Settings.defaults().withDedupeCapacity(capacity));
        int total = 300;
        for (int i = 0; i < total; i++) {
            assertThat(store.firstSighting("app", "k" + i)).isTrue();
        }
        long rows = Sql.count(dir.resolve("baton.db"), "dedupe_key");
        assertThat(rows).isBetween((long) capacity, (long) capacity + 256);
        for (int i = total - capacity; i < total; i++) {
            assertThat(store.firstSighting("app", "k" + i)).as("recent key k%d", i).isFalse();
        }
        assertThat(store.firstSighting("app", "k0")).as("the oldest key was trimmed").isTrue();
    }

    @Test
    void changesAfterCloseAreRefused() {
        SqliteStores stores = SqliteStores.open(dir.resolve("other.db"), SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC());
        stores.close();
        assertThatThrownBy(() -> stores.store().putState("app", ALICE, "n", "v"))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("closed");
    }
}
