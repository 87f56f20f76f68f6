package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultAppSummaryTest {

    @Test
    void longConversationsAreCutToMetasMetadataLimitKeepingTheNewestLines() throws Exception {
        DefaultAppMemory memory = DefaultAppMemory.EMPTY
                .withReferral(new DefaultAppMemory.Seen("ADS", "ref", "ad-1", "Title"))
                .withHandover("k", Map.of("why", "more"));
        for (int i = 0; i < 20; i++) {
            memory = memory.withLine(new DefaultAppMemory.Line("person", i + " " + "x".repeat(290), i), 20);
        }

        String summary = DefaultAppSummary.escalation("keyword", DefaultAppEntryPoint.ONGOING, memory);

        assertThat(summary.length()).isLessThanOrEqualTo(1000);
        JsonNode json = new ObjectMapper().readTree(summary);
        assertThat(json.get("ad_id").asText()).isEqualTo("ad-1");
        assertThat(json.get("last").get(json.get("last").size() - 1).get("text").asText()).startsWith("19 ");
    }

    @Test
    void metadataOfOtherAppsIsFlattenedOrKeptAsText() {
        assertThat(DefaultAppMetadata.flatten("{\"why\":\"agent\",\"ad\":{\"id\":\"7\"},\"n\":3,\"x\":null}"))
                .containsExactly(Map.entry("why", "agent"), Map.entry("ad.id", "7"), Map.entry("n", "3"));
        assertThat(DefaultAppMetadata.flatten("just words")).containsExactly(Map.entry("text", "just words"));
        assertThat(DefaultAppMetadata.flatten(null)).isEmpty();
    }
}
