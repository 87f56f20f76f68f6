package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A journal written before the tolerant reader holds bodies the old parser accepted; replayed after the
 * upgrade, each must become the same events. {@code webhook/replay/old-parser-events.jsonl} was written by the
 * old parser (FastJsonScanner + tape, main at a570d4d) from 190 bodies it accepted: the fixtures, random
 * batches of every kind with every escape, and mutated fixtures (odd numbers, nulls, white space) - 1,037
 * events. Each line has the body and the old events in {@link EventDescription}'s form.
 *
 * <p>"The same": as many events, in the same order, each with the same entry, channel, conversation and every
 * field the old record had, equal. What is allowed to differ, and only that: fields the new records add
 * (shown here, absent there); raw JSON, which the old parser re-serialised and the new one keeps as sent (equal
 * as JSON values); and the kinds this change models that the old parser left unknown
 * ({@link #NEWLY_MODELLED}), whose raw JSON must still be the same.
 */
class OldJournalReplayTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Old kind "unknown" may now be one of these (an unsend was unknown before; so were edits and policy). */
    private static final Set<String> NEWLY_MODELLED = Set.of("unsend", "message_edit", "policy_enforcement",
            "unsupported_message");

    @Test
    void everyBodyTheOldParserAcceptedReadsToTheSameEvents() throws Exception {
        WebhookParser parser = new WebhookParser();
        int bodies = 0;
        int events = 0;
        int upgraded = 0;
        try (InputStream in = getClass().getResourceAsStream("/webhook/replay/old-parser-events.jsonl");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode golden = MAPPER.readTree(line);
                String name = golden.get("name").asText();
                byte[] body = golden.get("body").asText().getBytes(StandardCharsets.UTF_8);
                WebhookBatch batch = parser.parse(body);
                assertThat(batch.platform().name()).as(name).isEqualTo(golden.get("platform").asText());
                List<WebhookEvent> now = new ArrayList<>();
                List<ObjectNode> described = new ArrayList<>();
                int entryIndex = 0;
                for (WebhookEntry entry : batch.entries()) {
                    for (WebhookEvent event : entry.events()) {
                        now.add(event);
                        described.add(EventDescription.of(entryIndex, event));
                    }
                    entryIndex++;
                }
                JsonNode before = golden.get("events");
                assertThat(described).as(name + ": event count").hasSize(before.size());
                for (int i = 0; i < before.size(); i++) {
                    JsonNode old = before.get(i);
                    ObjectNode next = described.get(i);
                    String where = name + " event " + i;
                    if (!old.get("kind").equals(next.get("kind"))) {
                        assertThat(old.get("kind").asText()).as(where).isEqualTo("unknown");
                        assertThat(NEWLY_MODELLED).as(where).contains(next.get("kind").asText());
                        assertThat(MAPPER.readTree(now.get(i).raw().text())).as(where)
                                .isEqualTo(old.get("fields").get("rawJson"));
                        upgraded++;
                        continue;
                    }
                    for (String top : List.of("entry", "channel", "conversation", "mid")) {
                        assertThat(next.get(top)).as(where + " " + top).isEqualTo(old.get(top));
                    }
                    JsonNode oldFields = old.get("fields").deepCopy();
                    if (oldFields.has("rawJson")) {
                        assertThat(MAPPER.readTree(now.get(i).raw().text())).as(where + " raw")
                                .isEqualTo(oldFields.get("rawJson"));
                        ((ObjectNode) oldFields).remove("rawJson");
                    }
                    assertContains(next.get("fields"), oldFields, where);
                }
                bodies++;
                events += before.size();
            }
        }
        assertThat(bodies).isEqualTo(190);
        assertThat(events).isEqualTo(1037);
        assertThat(upgraded).as("old unknown events now typed").isPositive();
    }

    /** Every field of {@code expected} is in {@code actual} with an equal value (objects compared the same way). */
    static void assertContains(JsonNode actual, JsonNode expected, String where) {
        if (expected.isObject() && actual != null && actual.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                assertContains(actual.get(field.getKey()), field.getValue(), where + "." + field.getKey());
            }
        } else if (expected.isArray() && actual != null && actual.isArray()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), where + "[" + i + "]");
            }
        } else if (expected.isIntegralNumber() && actual != null && actual.isIntegralNumber()) {
            assertThat(actual.bigIntegerValue()).as(where).isEqualTo(expected.bigIntegerValue());
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
