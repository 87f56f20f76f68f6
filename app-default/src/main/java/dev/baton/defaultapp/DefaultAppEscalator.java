package dev.baton.defaultapp;

import dev.baton.spi.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a conversation to humans: says the configured text while the app still owns the thread, then passes
 * control to the inbox bridge or straight to the Meta inbox, with a JSON summary as metadata.
 */
final class DefaultAppEscalator {

    private static final Logger log = LoggerFactory.getLogger(DefaultAppEscalator.class);

    private final DefaultAppEscalationConfig config;
    private final DefaultAppPeers peers;
    private final DefaultAppMetrics metrics;

    DefaultAppEscalator(DefaultAppEscalationConfig config, DefaultAppPeers peers, DefaultAppMetrics metrics) {
        this.config = config;
        this.peers = peers;
        this.metrics = metrics;
        if (DefaultAppEscalationConfig.TARGET_BRIDGE.equals(config.target()) && peers.bridgeAppId() == null) {
            throw new IllegalArgumentException(
                    "escalation.target is inbox-bridge but the deployment hosts no app with the inbox role;"
                            + " host one or set escalation.target: page-inbox");
        }
    }

    /**
     * Says the escalation text and passes to humans; returns {@code memory} with the escalation recorded as
     * open ({@code at}: the timestamp of the event that led to it), so a person coming back to the app while
     * the humans still have the conversation is passed back to them ({@link DefaultAppReturning}).
     */
    DefaultAppMemory escalate(Conversation conversation, String reason, DefaultAppEntryPoint entry,
                              DefaultAppMemory memory, long at) {
        String target = DefaultAppEscalationConfig.TARGET_PAGE_INBOX.equals(config.target())
                ? DefaultAppPeers.inboxAppId(conversation.platform())
                : peers.bridgeAppId();
        try {
            conversation.reply(config.text());
        } catch (RuntimeException e) {
            // The pass matters more than the courtesy line: a person who asked for a human must reach one.
            log.warn("escalation notice not sent in {} ({}); passing anyway", conversation.key(),
                    e.getClass().getSimpleName());
        }
        conversation.passTo(target, DefaultAppSummary.escalation(reason, entry, memory));
        metrics.escalated(config.target(), reason);
        return memory.withEscalation(new DefaultAppMemory.Escalation(target, at, reason));
    }

    /** Why the person is being escalated, for the metadata and the metric: {@code postback} or {@code keyword}. */
    String reason(String payload) {
        return config.isEscalationPayload(payload) ? "postback" : "keyword";
    }

    boolean asksForHuman(String text, String payload) {
        return config.asksForHuman(text) || config.isEscalationPayload(payload);
    }
}
