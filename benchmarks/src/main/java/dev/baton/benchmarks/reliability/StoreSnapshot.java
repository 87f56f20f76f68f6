package dev.baton.benchmarks.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a closed Baton SQLite file holds, read straight from its tables: the journal's bodies in append order,
 * and the conversation store's keys (dedupe keys, ownership with its owner, last-message and app-state and
 * timer keys), each table as a sorted list of rows. Times are left out: two runs over the same batches agree
 * on keys, not on clocks.
 */
record StoreSnapshot(List<byte[]> journalBodies, Map<String, List<String>> storeRows) {

    private static final Map<String, String> STORE_QUERIES = Map.of(
            "dedupe_key", "SELECT app || '|' || event_key FROM dedupe_key ORDER BY 1",
            "ownership", "SELECT page_id || '|' || user_id || '|' || coalesce(owner_app_id, '-') FROM ownership"
                    + " ORDER BY 1",
            "last_user_message", "SELECT page_id || '|' || user_id FROM last_user_message ORDER BY 1",
            "app_state", "SELECT app || '|' || page_id || '|' || user_id || '|' || name FROM app_state ORDER BY 1",
            "timer", "SELECT app || '|' || page_id || '|' || user_id || '|' || name FROM timer ORDER BY 1");

    static StoreSnapshot read(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            List<byte[]> bodies = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT body FROM journal_body ORDER BY batch_id")) {
                while (rows.next()) {
                    bodies.add(rows.getBytes(1));
                }
            }
            Map<String, List<String>> store = new LinkedHashMap<>();
            for (Map.Entry<String, String> query : new java.util.TreeMap<>(STORE_QUERIES).entrySet()) {
                List<String> keys = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(query.getValue())) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
                store.put(query.getKey(), keys);
            }
            return new StoreSnapshot(bodies, store);
        }
    }

    /** Rows per store table, for the report. */
    Map<String, Integer> storeCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        storeRows.forEach((table, rows) -> counts.put(table, rows.size()));
        return counts;
    }
}
