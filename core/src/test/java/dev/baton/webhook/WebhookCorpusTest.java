package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every body of the corpus ({@code webhook/corpus/}, see its README): real-shaped bodies of every kind
 * and variant from the facts sheet, Messenger and Instagram, each with the events it must become. Every
 * body is accepted; the events are compared in {@link EventDescription} form, field by field where the
 * expectation names a field; every event's raw JSON is the exact bytes of its object in the body.
 */
class WebhookCorpusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WebhookParser PARSER = new WebhookParser();

    static Path corpus() throws URISyntaxException {
        return Path.of(WebhookCorpusTest.class.getResource("/webhook/corpus/README.md").toURI()).getParent();
    }

    static Stream<String> bodies() throws Exception {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".events.json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusCoversMessengerAndInstagram() throws Exception {
        List<String> names = bodies().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(20);
        assertThat(names).anyMatch(name -> name.startsWith("instagram-")).anyMatch(name -> name.startsWith("messenger-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void everyBodyBecomesTheEventsItMust(String name) throws Exception {
        byte[] body = Files.readAllBytes(corpus().resolve(name + ".json"));
        JsonNode expected = MAPPER.readTree(Files.readAllBytes(corpus().resolve(name + ".events.json")));

        WebhookRead read = PARSER.read(body);
        List<JsonNode> described = new ArrayList<>();
        List<WebhookEvent> events = new ArrayList<>();
        read.batch().ifPresent(batch -> {
            int index = 0;
            for (WebhookEntry entry : batch.entries()) {
                for (WebhookEvent event : entry.events()) {
                    described.add(EventDescription.of(index, event));
                    events.add(event);
                }
                index++;
            }
        });
        assertThat(described).as(name).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            if (!want.has("channel")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) want).put("channel", "messaging");
            }
            OldJournalReplayTest.assertContains(described.get(i), want, name + " event " + i);
            String raw = events.get(i).raw().text();
            assertThat(new String(body, StandardCharsets.UTF_8)).as(name + " event " + i + " raw").contains(raw);
            assertThat(MAPPER.readTree(raw).isObject()).isTrue();
        }
        if (expected.isEmpty()) {
            assertThat(read.skipped()).as(name + ": set aside, counted").isNotEmpty();
        }
    }

    @Test
    void anEntryWithChangesIsSetAsideAndAnUnknownObjectIsNotRead() throws IOException, Exception {
        WebhookRead changes = PARSER.read(Files.readAllBytes(corpus().resolve("messenger-changes-entry.json")));
        assertThat(changes.skipped()).extracting(WebhookRead.Skipped::toString).containsExactly("CHANGES entry[0].changes");
        assertThat(changes.batch()).isPresent();
        WebhookRead other = PARSER.read(Files.readAllBytes(corpus().resolve("unknown-object.json")));
        assertThat(other.batch()).isEmpty();
        assertThat(other.object()).isEqualTo("whatsapp_business_account");
    }
}
