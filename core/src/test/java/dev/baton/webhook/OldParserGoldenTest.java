package dev.baton.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One-off: records what the parser before the tolerant reader made of every body it accepted. */
class OldParserGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void write() throws Exception {
        WebhookParser parser = new WebhookParser();
        WebhookWriter writer = new WebhookWriter();
        Path out = Path.of("src/test/resources/webhook/replay/old-parser-events.jsonl");
        int written = 0;
        try (BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String fixture : WebhookParserDifferentialTest.FIXTURES) {
                written += line(file, parser, "fixture " + fixture, Fixtures.bytes(fixture));
            }
            written += line(file, parser, "fixture typed-fields.json", Fixtures.bytes("typed-fields.json"));
            for (long seed = 0; seed < 60; seed++) {
                written += line(file, parser, "random " + seed, writer.write(new RandomBatches(seed).batch()));
            }
            Random random = new Random(12);
            int accepted = 0;
            for (int i = 0; i < 20_000 && accepted < 120; i++) {
                String fixture = WebhookParserDifferentialTest.FIXTURES[random.nextInt(
                        WebhookParserDifferentialTest.FIXTURES.length)];
                byte[] body = WebhookParserDifferentialTest.mutate(
                        WebhookParserDifferentialTest.compact(Fixtures.bytes(fixture), random), random);
                accepted += line(file, parser, "mutated " + fixture + " #" + i, body);
            }
        }
        System.out.println("wrote " + written + " bodies");
    }

    private static int line(BufferedWriter file, WebhookParser parser, String name, byte[] body) throws Exception {
        WebhookBatch batch;
        try {
            batch = parser.parse(body);
        } catch (WebhookParseException refused) {
            return 0;
        }
        ObjectNode line = MAPPER.createObjectNode();
        line.put("name", name);
        line.put("body", new String(body, StandardCharsets.UTF_8));
        line.put("platform", batch.platform().name());
        ArrayNode events = line.putArray("events");
        int entryIndex = 0;
        for (WebhookEntry entry : batch.entries()) {
            for (WebhookEvent event : entry.events()) {
                events.add(EventDescription.of(entryIndex, event));
            }
            entryIndex++;
        }
        file.write(MAPPER.writeValueAsString(line));
        file.newLine();
        return 1;
    }
}
