package dev.baton.inboxbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.spi.HostedHandover;
import dev.baton.spi.Conversation;
import java.io.IOException;

/**
 * Getting a helpdesk conversation back after Meta's 24-hour lapse, so that an agent's reply can still go out
 * with the {@code HUMAN_AGENT} tag (up to 7 days): the tag "cannot take control from another app", but the
 * owner may pass. When the Page's default app is hosted by the same deployment, the runtime's
 * {@link HostedHandover} has it pass the thread to the bridge with metadata
 * {@code {"baton":"reclaim","reason":"human_agent_reply","ticket":"..."}}. Switched by
 * {@code helpdesk.reclaimFromHostedDefault} (default on); without the capability every reclaim is refused.
 */
final class Reclaim {

    static final String MARK = "reclaim";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostedHandover handover;

    /** @param handover the runtime's capability, or null when switched off */
    Reclaim(HostedHandover handover) {
        this.handover = handover;
    }

    /** Asks for the thread back for {@code ticket}'s reply; the result says whether the bridge owns it now. */
    HostedHandover.Result reclaim(Conversation conversation, String ticket) {
        if (handover == null) {
            return new HostedHandover.Result(HostedHandover.Outcome.NOT_PERMITTED, null,
                    "taking the thread back from the hosted default app is switched off "
                            + "(helpdesk.reclaimFromHostedDefault)");
        }
        String metadata = HandBack.write(JSON.createObjectNode().put("baton", MARK)
                .put("from", "inbox-bridge").put("reason", "human_agent_reply").put("ticket", ticket));
        return handover.reclaimFromDefault(conversation, metadata);
    }

    /** True for the metadata of a pass this bridge asked for: not a new conversation for the humans. */
    static boolean isReclaim(String metadata) {
        if (metadata == null || !metadata.contains(MARK)) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            return node != null && MARK.equals(node.path("baton").asText(null));
        } catch (IOException notJson) {
            return false;
        }
    }
}
