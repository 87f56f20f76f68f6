package dev.baton.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.TestingConversation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.marketing.lead.Lead;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandoffMetadataTest {

    private final TestingConversation conversation = Fixtures.conversation();
    private final Session session = new Session(conversation.state());

    @Test
    void carriesWhatWasLearned() throws Exception {
        session.welcomed("spring-sale", "ad-1", "spring", Instant.EPOCH);
        session.chose("quote");
        Lead lead = new Lead("spring-sale", "ad-1", "quote", "email", "jane@example.com", "page-1", "psid-1",
                Instant.EPOCH);

        JsonNode json = new ObjectMapper().readTree(HandoffMetadata.of("lead-collected", Outcome.LEAD,
                session, lead));

        assertThat(json.get("source").asText()).isEqualTo("baton-marketing");
        assertThat(json.get("why").asText()).isEqualTo("lead-collected");
        assertThat(json.get("outcome").asText()).isEqualTo("lead");
        assertThat(json.get("ad_id").asText()).isEqualTo("ad-1");
        assertThat(json.get("ref").asText()).isEqualTo("spring");
        assertThat(json.get("choice").asText()).isEqualTo("quote");
        assertThat(json.get("lead").get("kind").asText()).isEqualTo("email");
        assertThat(json.has("user_id")).isFalse();
    }

    @Test
    void staysUnderMetasLimitWithAMaximalRef() throws Exception {
        session.welcomed("spring-sale", "ad-1", "r".repeat(2083), Instant.EPOCH);

        String metadata = HandoffMetadata.of("deadline", Outcome.TIMED_OUT, session, null);

        assertThat(metadata.length()).isLessThanOrEqualTo(1000);
        assertThat(new ObjectMapper().readTree(metadata).get("ref").asText()).hasSize(200);
    }

    @Test
    void dropsDetailRatherThanExceedingTheLimit() throws Exception {
        session.welcomed("spring-sale", "9".repeat(990), null, Instant.EPOCH);

        String metadata = HandoffMetadata.of("deadline", Outcome.TIMED_OUT, session, null);

        assertThat(metadata.length()).isLessThanOrEqualTo(1000);
        assertThat(new ObjectMapper().readTree(metadata).get("campaign").asText()).isEqualTo("spring-sale");
    }
}
