package dev.baton.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this instance that new events were journaled in buckets it holds by other instances (its own appends
 * reach the work feed from the committer), through LISTEN on {@value AppendCommitter#CHANNEL} (on a connection of its own, outside the pool) for
 * other instances' appends (and on {@value WorkFeed#TIMER_CHANNEL} for timers set anywhere). A lost LISTEN connection is reopened; the work feed also polls slowly as a
 * safety net, so a missed notification only delays, never loses.
 */
final class WorkWakeups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkWakeups.class);

    private final PostgresSettings settings;
    private final BucketLeases leases;
    private final List<Consumer<Set<Integer>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<Integer>>> timerListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    /** The prefix of this instance's own append notifications. */
    private final String self;
    private volatile Connection connection;

    WorkWakeups(PostgresSettings settings, BucketLeases leases) {
        this.settings = settings;
        this.self = "@" + leases.instanceId() + ",";
        this.leases = leases;
        this.thread = new Thread(this::run, "baton-postgres-listen");
        thread.setDaemon(true);
    }

    void addListener(Consumer<Set<Integer>> listener) {
        listeners.add(listener);
    }

    /** Hears timers set from any instance ({@link WorkFeed#TIMER_CHANNEL}) in held buckets. */
    void addTimerListener(Consumer<Set<Integer>> listener) {
        timerListeners.add(listener);
    }

    void start() {
        thread.start();
    }

    private void deliver(Set<Integer> buckets, List<Consumer<Set<Integer>>> listeners) {
        if (listeners.isEmpty()) {
            return;
        }
        Set<Integer> mine = new HashSet<>();
        for (int bucket : buckets) {
            if (leases.holds(bucket)) {
                mine.add(bucket);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        for (Consumer<Set<Integer>> listener : listeners) {
            try {
                listener.accept(mine);
            } catch (RuntimeException e) {
                LOG.warn("a wake-up listener failed", e);
            }
        }
    }

    private void run() {
        while (!closed) {
            try (Connection listening = open()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + AppendCommitter.CHANNEL);
                    statement.execute("LISTEN " + WorkFeed.TIMER_CHANNEL);
                }
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    Set<Integer> buckets = new HashSet<>();
                    Set<Integer> timerBuckets = new HashSet<>();
                    for (PGNotification notification : notifications) {
                        String payload = notification.getParameter();
                        if (payload.startsWith(self)) {
                            continue; // this instance's own append: its committer woke the feed already
                        }
                        parse(payload, WorkFeed.TIMER_CHANNEL.equals(notification.getName())
                                ? timerBuckets : buckets);
                    }
                    deliver(buckets, listeners);
                    deliver(timerBuckets, timerListeners);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("LISTEN connection lost ({}); reopening", e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** {@code [@sender,]bucket,bucket,...} or {@code [@sender,]*}; the sender part is no number, skipped. */
    private void parse(String payload, Set<Integer> buckets) {
        for (String part : payload.split(",")) {
            if (part.trim().equals("*")) {
                for (int bucket = 0; bucket < leases.buckets().count(); bucket++) {
                    buckets.add(bucket);
                }
                return;
            }
            try {
                buckets.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                // not ours
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "baton-listen");
        return DriverManager.getConnection(settings.url(), properties);
    }

    @Override
    public void close() {
        closed = true;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
