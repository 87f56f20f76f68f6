package dev.baton.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on its own thread and connection. Left to SQLite, the
 * checkpoint runs inside whichever commit crosses the threshold, so that commit (and every append waiting on
 * it) would also pay for writing and syncing the database file. A passive checkpoint never blocks the
 * writer; the writer keeps a high automatic threshold only as a safety net should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean running = true;

    WalCheckpointer(Connection connection, long intervalMillis) {
        this.connection = connection;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "baton-sqlite-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException e) {
                LOG.debug("WAL checkpoint failed ({}); will try again", SqliteErrors.describe(e));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException ignored) {
            // closing a connection we are done with
        }
    }
}
