package dev.baton.defaultapp;

import dev.baton.spi.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a conversation to humans: says the configured text while the app still owns the thread, then passes
 * control to the inbox bridge or straight to the Meta inbox, with a JSON summary as metadata.
 */
final class Escalator {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final EscalationSettings config;
    private final PeerApps peers;
    private final TurnMetrics metrics;

    Escalator(EscalationSettings config, PeerApps peers, TurnMetrics metrics) {
        this.config = config;
        this.peers = peers;
        this.metrics = metrics;
        if (EscalationSettings.TARGET_BRIDGE.equals(config.target()) && peers.bridgeAppId() == null) {
            throw new IllegalArgumentException(
                    "escalation.target is inbox-bridge but the deployment hosts no app with the inbox role;"
                            + " host one or set escalation.target: page-inbox");
        }
    }

    /**
     * Says the escalation text and passes to humans; returns {@code memory} with the escalation recorded as
     * open ({@code at}: the timestamp of the event that led to it), so a person coming back to the app while
     * the humans still have the conversation is passed back to them ({@link ReturningPerson}).
     */
    ConversationMemory escalate(Conversation conversation, String reason, EntryPoint entry,
                              ConversationMemory memory, long at) {
        String target = EscalationSettings.TARGET_PAGE_INBOX.equals(config.target())
                ? PeerApps.inboxAppId(conversation.platform())
                : peers.bridgeAppId();
        try {
            conversation.reply(config.text());
        } catch (RuntimeException e) {
            // The pass matters more than the courtesy line: a person who asked for a human must reach one.
            log.warn("escalation notice not sent in {} ({}); passing anyway", conversation.key(),
                    e.getClass().getSimpleName());
        }
        conversation.passTo(target, EscalationSummary.escalation(reason, entry, memory));
        metrics.escalated(config.target(), reason);
        return memory.withEscalation(new ConversationMemory.Escalation(target, at, reason));
    }

    /** Why the person is being escalated, for the metadata and the metric: {@code postback} or {@code keyword}. */
    String reason(String payload) {
        return config.isEscalationPayload(payload) ? "postback" : "keyword";
    }

    boolean asksForHuman(String text, String payload) {
        return config.asksForHuman(text) || config.isEscalationPayload(payload);
    }
}
