package dev.baton.inboxbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the default app's {@code returning} pass: the person came back to the default app (Meta's silent
 * 24-hour lapse, or a message after a day of silence) while the escalation to the humans was still open, and
 * the default app passed the thread straight back instead of answering:
 * {@code {"baton":"returning","from":"default","to":"human","escalation":{...},"mid":"...","text":"..."}}.
 * Such a pass continues the open episode (same ticket, nothing said); it is not a new handoff.
 *
 * @param mid  the person's message id, or null (the bridge may have mirrored it from standby already)
 * @param text what the person said (or tapped), or null
 */
record ReturningPerson(String mid, String text) {

    static final String MARK = "returning";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The returning turn in {@code metadata}, or null when the pass is not one. */
    static ReturningPerson parse(String metadata) {
        if (metadata == null || !metadata.contains(MARK)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            if (node == null || !MARK.equals(node.path("baton").asText(null))) {
                return null;
            }
            return new ReturningPerson(node.path("mid").asText(null), node.path("text").asText(null));
        } catch (IOException notJson) {
            return null;
        }
    }
}
