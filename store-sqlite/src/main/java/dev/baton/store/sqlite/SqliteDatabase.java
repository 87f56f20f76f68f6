package dev.baton.store.sqlite;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;

/**
 * One SQLite file in WAL mode where every commit is synced before it is acknowledged, so what was
 * acknowledged survives a crash or a power cut. All writes go through one {@link GroupCommitWriter}, whose
 * connection commits with {@code synchronous=NORMAL} (SQLite syncs only around checkpoints, which keeps the
 * file consistent) and whose {@link WalSyncer} then syncs the write-ahead log itself before any future
 * completes: the {@code synchronous=FULL} promise, with the sync taken off the writer thread so that one sync
 * covers every group committed meanwhile. Reads use a second connection, one at a time, and see every
 * committed write (possibly up to one sync before it is durable; writers only learn of success after it).
 * Shared by the journal and the conversation store (so their writes are ordered against each other) and
 * closed when both have let go of it.
 */
final class SqliteDatabase {

    private static final int PAGE_SIZE = 4096;
    private static final long CHECKPOINT_INTERVAL_MILLIS = 200;
    /** The writer checkpoints by itself only past this many WAL pages (40 MB), should the checkpointer lag. */
    private static final int WRITER_CHECKPOINT_PAGES = 10_000;

    private final Path file;
    private final Connection writeConnection;
    private final Connection readConnection;
    private final FileChannel wal;
    private final GroupCommitWriter writer;
    private final WalCheckpointer checkpointer;
    private final Map<String, PreparedStatement> writeStatements = new HashMap<>();
    private int holders;
    private boolean closed;

    private SqliteDatabase(Path file, Connection writeConnection, Connection readConnection,
            Connection checkpointConnection, FileChannel wal, SqliteStores.Settings settings,
            MeterRegistry registry) {
        this.file = file;
        this.wal = wal;
        this.checkpointer = new WalCheckpointer(checkpointConnection, CHECKPOINT_INTERVAL_MILLIS);
        this.writeConnection = writeConnection;
        this.readConnection = readConnection;
        this.writer = new GroupCommitWriter(writeConnection, () -> wal.force(false), settings.writerQueueCapacity(),
                "baton-sqlite-writer", registry, this::forgetWriteStatements);
        Gauge.builder("baton.sqlite.file.size", this, SqliteDatabase::sizeInBytes).baseUnit("bytes")
                .description("The database file plus its write-ahead log").register(registry);
    }

    static SqliteDatabase open(Path file, SqliteStores.Settings settings, MeterRegistry registry) {
        Connection write = null;
        Connection read = null;
        Connection checkpoint = null;
        FileChannel wal = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            write = connect(file);
            try (Statement statement = write.createStatement()) {
                // auto_vacuum must be chosen before the first table exists; later it is a no-op.
                statement.executeUpdate("PRAGMA page_size = " + PAGE_SIZE);
                statement.executeUpdate("PRAGMA auto_vacuum = INCREMENTAL");
                statement.execute("PRAGMA journal_mode = WAL");
                // Commits are synced by the WalSyncer (fdatasync of the -wal file) before they are acknowledged;
                // NORMAL keeps SQLite's own syncs around checkpoints and WAL restarts.
                statement.executeUpdate("PRAGMA synchronous = NORMAL");
                statement.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
                if (settings.maxDatabaseBytes() > 0) {
                    statement.execute("PRAGMA max_page_count = " + Math.max(1, settings.maxDatabaseBytes() / PAGE_SIZE));
                }
            }
            Schema.apply(write);
            write.setAutoCommit(false);
            read = connect(file);
            checkpoint = connect(file);
            // The log exists from the schema's first write on and stays (same inode) while a connection is open.
            wal = FileChannel.open(Path.of(file.toAbsolutePath() + "-wal"), StandardOpenOption.WRITE);
            return new SqliteDatabase(file, write, read, checkpoint, wal, settings, registry);
        } catch (SQLException e) {
            closeQuietly(write);
            closeQuietly(read);
            closeQuietly(checkpoint);
            throw new SqliteStoreException("cannot open the database " + file + ": " + SqliteErrors.describe(e), e);
        } catch (IOException e) {
            closeQuietly(write);
            closeQuietly(read);
            closeQuietly(checkpoint);
            throw new UncheckedIOException("cannot open the database " + file + " or its write-ahead log", e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Properties properties = new Properties();
        // Else the driver runs "SELECT last_insert_rowid()" after every INSERT; ids come from RETURNING.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("PRAGMA busy_timeout = 10000");
            statement.executeUpdate("PRAGMA synchronous = FULL");
        }
        return connection;
    }

    private long dedupeInserts; // writer thread only

    GroupCommitWriter writer() {
        return writer;
    }

    /** Runs a write in the next group commit and waits until it is durable. */
    <T> T writeAndWait(WriteOp<T> op) {
        try {
            return writer.submit(op).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SqliteStoreException failure) {
                throw failure;
            }
            throw new SqliteStoreException("database write failed", e.getCause());
        }
    }

    /**
     * Counts a dedupe key inserted, for trimming every so many (writer thread only, inside a {@link WriteOp}).
     * After a rolled-back group it runs ahead of the rows, which only moves the next trim earlier.
     */
    long countDedupeInsert() {
        return ++dedupeInserts;
    }

    /** A prepared statement of the write connection; only for use inside a {@link WriteOp}. */
    PreparedStatement writeStatement(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = writeStatements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            writeStatements.put(sql, statement);
        }
        return statement;
    }

    /** Closes the cached write statements (writer thread only); they are prepared again when next needed. */
    private void forgetWriteStatements() {
        for (PreparedStatement statement : writeStatements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // a statement the driver already closed
            }
        }
        writeStatements.clear();
    }

    /** A read on the read connection; sees every write whose future completed. */
    synchronized <T> T read(WriteOp<T> query) {
        if (closed) {
            throw new SqliteStoreException("the store is closed", null);
        }
        try {
            return query.execute(readConnection);
        } catch (SQLException e) {
            throw new SqliteStoreException("database read failed: " + SqliteErrors.describe(e), e);
        }
    }

    /** Gives back free pages to the file system so that the size gauge goes down after pruning. */
    void vacuumFreePages() {
        writer.submit(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA incremental_vacuum");
            }
            return null;
        });
    }

    synchronized void hold() {
        holders++;
    }

    /** Drops one holder; the last one out commits what is queued and closes the file. */
    void release() {
        synchronized (this) {
            if (--holders > 0 || closed) {
                return;
            }
            closed = true;
        }
        checkpointer.close();
        writer.close();
        forgetWriteStatements();
        try {
            wal.close();
        } catch (IOException ignored) {
            // only a handle for syncing; every write was synced before the writer stopped
        }
        closeQuietly(writeConnection);
        synchronized (this) {
            closeQuietly(readConnection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do with a connection that will not close
            }
        }
    }

    double sizeInBytes() {
        return size(file) + size(Path.of(file + "-wal"));
    }

    private static double size(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    Path file() {
        return file;
    }
}
