package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.JournaledBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files as a crash would leave them: copied while appends are being committed. Opening the copy must
 * give a sound database holding every batch acknowledged before the copy began, each byte for byte.
 */
class CopiedMidWriteTest {

    @TempDir
    Path dir;

    @Test
    void aCopyTakenWhileAppendingOpensWithEveryAcknowledgedBatchIntact() throws Exception {
        Path live = dir.resolve("live/baton.db");
        Path copy = dir.resolve("copy/baton.db");
        Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        int writers = 6;
        CountDownLatch warm = new CountDownLatch(writers);
        CountDownLatch stopped = new CountDownLatch(writers);
        Set<Long> ackedBeforeCopy;
        try (SqliteStores stores = SqliteStores.open(live, SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC())) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        byte[] body = Bodies.batch("w" + writer + "-" + i, 1 + i % 3);
                        acknowledged.put(stores.journal().append("app", body, Instant.now()).join(), body);
                        if (i == 20) {
                            warm.countDown();
                        }
                    }
                    stopped.countDown();
                }).start();
            }
            warm.await();
            ackedBeforeCopy = Set.copyOf(acknowledged.keySet());
            copyAsACrashWould(live, copy);
            stop.set(true);
            stopped.await();
        }

        try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = check.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("ok");
        }
        try (SqliteStores reopened = SqliteStores.open(copy, SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC())) {
            List<JournaledBatch> pending = reopened.journal().pending();
            assertThat(pending).extracting(JournaledBatch::id).containsAll(ackedBeforeCopy);
            for (JournaledBatch batch : pending) {
                assertThat(batch.body()).as("batch %d", batch.id()).isEqualTo(acknowledged.get(batch.id()));
            }
        }
    }

    /**
     * Copies the database file, then its write-ahead log. A read transaction held meanwhile stops SQLite from
     * restarting the log, as it would be at any single instant of a crash; the log may still grow (and its
     * last frame be torn) during the copy, which recovery must handle.
     */
    private static void copyAsACrashWould(Path live, Path copy) throws Exception {
        Files.createDirectories(copy.getParent());
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + live)) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM journal_batch")) {
                rows.next();
            }
            Files.copy(live, copy);
            Files.copy(Path.of(live + "-wal"), Path.of(copy + "-wal"));
            reader.rollback();
        }
    }
}
