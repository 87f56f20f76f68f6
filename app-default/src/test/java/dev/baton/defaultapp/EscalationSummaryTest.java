package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalationSummaryTest {

    @Test
    void longConversationsAreCutToMetasMetadataLimitKeepingTheNewestLines() throws Exception {
        ConversationMemory memory = ConversationMemory.EMPTY
                .withReferral(new ConversationMemory.Seen("ADS", "ref", "ad-1", "Title"))
                .withHandover("k", Map.of("why", "more"));
        for (int i = 0; i < 20; i++) {
            memory = memory.withLine(new ConversationMemory.Line("person", i + " " + "x".repeat(290), i), 20);
        }

        String summary = EscalationSummary.escalation("keyword", EntryPoint.ONGOING, memory);

        assertThat(summary.length()).isLessThanOrEqualTo(1000);
        JsonNode json = new ObjectMapper().readTree(summary);
        assertThat(json.get("ad_id").asText()).isEqualTo("ad-1");
        assertThat(json.get("last").get(json.get("last").size() - 1).get("text").asText()).startsWith("19 ");
    }

    @Test
    void metadataOfOtherAppsIsFlattenedOrKeptAsText() {
        assertThat(HandoverMetadata.flatten("{\"why\":\"agent\",\"ad\":{\"id\":\"7\"},\"n\":3,\"x\":null}"))
                .containsExactly(Map.entry("why", "agent"), Map.entry("ad.id", "7"), Map.entry("n", "3"));
        assertThat(HandoverMetadata.flatten("just words")).containsExactly(Map.entry("text", "just words"));
        assertThat(HandoverMetadata.flatten(null)).isEmpty();
    }
}
