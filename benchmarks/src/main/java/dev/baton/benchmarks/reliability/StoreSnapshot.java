package dev.baton.benchmarks.reliability;

import dev.baton.event.WebhookEvent;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * What a closed Baton SQLite file holds, read straight from its tables: the journal's bodies in append order,
 * the dedupe keys, the conversations (page and person) that have any other store row (ownership, last
 * message, app state, timers), and the row count of each store table.
 */
record StoreSnapshot(List<byte[]> journalBodies, Set<String> dedupeKeys, Set<String> conversations,
        Map<String, Integer> storeCounts) {

    private static final List<String> CONVERSATION_TABLES = List.of("ownership", "last_user_message", "app_state",
            "timer");

    static StoreSnapshot read(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            List<byte[]> bodies = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT body FROM journal_body ORDER BY batch_id")) {
                while (rows.next()) {
                    bodies.add(rows.getBytes(1));
                }
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> dedupeKeys = strings(statement, "SELECT app || '|' || event_key FROM dedupe_key");
            counts.put("dedupe_key", dedupeKeys.size());
            Set<String> conversations = new TreeSet<>();
            for (String table : CONVERSATION_TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    counts.put(table, rows.next() ? rows.getInt(1) : 0);
                }
                conversations.addAll(strings(statement, "SELECT page_id || '|' || user_id FROM " + table));
            }
            return new StoreSnapshot(bodies, dedupeKeys, conversations, counts);
        }
    }

    private static Set<String> strings(Statement statement, String query) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The conversations (page and person) the journaled batches' events belong to. */
    Set<String> journaledConversations() throws WebhookParseException {
        WebhookParser parser = new WebhookParser();
        Set<String> conversations = new TreeSet<>();
        for (byte[] body : journalBodies) {
            for (WebhookEvent event : parser.parse(body).events()) {
                conversations.add(event.conversation().pageId() + "|" + event.conversation().userId());
            }
        }
        return conversations;
    }
}
