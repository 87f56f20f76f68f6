package dev.baton.marketing.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLeadSinkTest {

    @TempDir
    Path dir;

    private static Lead lead(int n) {
        return new Lead("spring-sale", "ad-1", "quote", "email", "person" + n + "@example.com", "page-1",
                "psid-" + n, Instant.parse("2026-05-01T10:00:00Z"));
    }

    @Test
    void appendsOneJsonObjectPerLineAcrossReopens() throws Exception {
        Path file = dir.resolve("sub/leads.jsonl");
        try (JsonlLeadSink sink = new JsonlLeadSink(file)) {
            sink.accept(lead(1));
        }
        try (JsonlLeadSink sink = new JsonlLeadSink(file)) {
            sink.accept(lead(2));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("contact").asText()).isEqualTo("person1@example.com");
        assertThat(first.get("user_id").asText()).isEqualTo("psid-1");
        assertThat(first.get("captured_at").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(first.get("campaign").asText()).isEqualTo("spring-sale");
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("leads.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (JsonlLeadSink sink = new JsonlLeadSink(file)) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                writes.add(pool.submit(() -> sink.accept(lead(n))));
            }
            for (Future<?> write : writes) {
                write.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(200);
        ObjectMapper json = new ObjectMapper();
        assertThat(lines.stream().map(line -> {
            try {
                return json.readTree(line).get("user_id").asText();
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).distinct()).hasSize(200);
    }

    @Test
    void leadToStringMasksTheContactAndOmitsThePerson() {
        Lead email = lead(7);
        Lead phone = new Lead("c", null, "call", "phone", "+442079460958", "page-1", "psid-9", Instant.EPOCH);

        assertThat(email.toString()).doesNotContain("person7@example.com").doesNotContain("psid-7")
                .contains("p***@example.com");
        assertThat(phone.maskedContact()).isEqualTo("***********58");
        assertThat(phone.toString()).doesNotContain("2079460958").doesNotContain("psid-9");
    }
}
