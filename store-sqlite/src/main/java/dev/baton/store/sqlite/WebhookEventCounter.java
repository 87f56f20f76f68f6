package dev.baton.store.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Counts the events of a raw webhook body the way {@code WebhookBatch.events()} lists them: one per element
 * of every {@code entry[].messaging[]} and {@code entry[].standby[]}. The journal needs the count to know
 * when a batch is fully handled; it streams over the bytes instead of building the whole model again.
 */
final class WebhookEventCounter {

    /** The count is not known: the batch stays pending (replayed) rather than being taken for done. */
    static final int UNKNOWN = -1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private WebhookEventCounter() {}

    static int count(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNKNOWN;
            }
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                    int entryEvents = countEntries(parser);
                    if (entryEvents == UNKNOWN) {
                        return UNKNOWN;
                    }
                    count += entryEvents;
                } else {
                    parser.skipChildren();
                }
            }
            return count;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    private static int countEntries(JsonParser parser) throws IOException {
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (("messaging".equals(field) || "standby".equals(field)) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        count++;
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return token == JsonToken.END_ARRAY ? count : UNKNOWN;
    }
}
