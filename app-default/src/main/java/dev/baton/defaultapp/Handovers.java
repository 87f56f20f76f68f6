package dev.baton.defaultapp;

import dev.baton.event.HandoverEvent;
import dev.baton.spi.Conversation;
import java.util.List;
import java.util.Map;

/**
 * What the default app does when control changes hands. A pass to it from the marketing app continues the
 * conversation with what the handover metadata and the standby referral say (the person is not asked again);
 * a pass back from the humans says {@code afterHuman}, if configured. Handover events carry no natural key,
 * so a duplicate (same timestamp and previous owner as the last one taken in) is ignored, and a pass older
 * than the newest person message already seen is recorded but not answered (it arrived out of order).
 */
final class Handovers {

    private final Settings config;
    private final PeerApps peers;
    private final AnswerChain chain;
    private final Escalator escalator;
    private final TurnMetrics metrics;

    Handovers(Settings config, PeerApps peers, AnswerChain chain,
                        Escalator escalator, TurnMetrics metrics) {
        this.config = config;
        this.peers = peers;
        this.chain = chain;
        this.escalator = escalator;
        this.metrics = metrics;
    }

    /** Handles one handover event; returns the memory to keep (the same instance when nothing changed). */
    ConversationMemory handle(HandoverEvent event, ConversationMemory memory, Conversation conversation) {
        if (event instanceof HandoverEvent.RequestThreadControl request) {
            grantToHumans(request, conversation);
            return memory;
        }
        if (!(event instanceof HandoverEvent.PassThreadControl pass)
                || !conversation.appId().equals(pass.newOwnerAppId()) || pass.previousOwnerAppId() == null) {
            return memory; // takes, app roles, and passes out of idle need no answer
        }
        String key = pass.header().timestamp() + ":" + pass.previousOwnerAppId();
        if (key.equals(memory.lastHandover())) {
            return memory;
        }
        Map<String, String> fields = HandoverMetadata.flatten(pass.metadata());
        ConversationMemory updated = memory.withHandover(key, fields);
        boolean stale = memory.lastPersonAt() > pass.header().timestamp();
        if (stale || !conversation.ownsThread()) {
            return updated;
        }
        if (peers.isHuman(pass.previousOwnerAppId()) || "human-done".equals(fields.get("event"))) {
            metrics.entry(EntryPoint.RETURNED_FROM_HUMAN);
            if (config.afterHuman() != null) {
                new AnswerSender().say(conversation, config.afterHuman(), placeholders(updated,
                        EntryPoint.RETURNED_FROM_HUMAN));
                metrics.answered("after_human");
            }
            return updated;
        }
        metrics.entry(EntryPoint.HANDOVER);
        if (wantsHuman(fields, updated)) {
            return escalator.escalate(conversation, "handover", EntryPoint.HANDOVER, updated,
                    pass.header().timestamp());
        }
        String choice = fields.getOrDefault("choice", fields.get("payload"));
        String ref = updated.referral() == null ? null : updated.referral().ref();
        chain.answer(new Turn(EntryPoint.HANDOVER, null, choice, ref,
                Observations.context(EntryPoint.HANDOVER, updated)), conversation);
        return updated;
    }

    /**
     * The previous owner passed because the person asked for a person: the metadata's reason says so, or the
     * person's last message (seen on standby) asks for one — the marketing app passes on "agent" with
     * {@code "why":"keyword"} without repeating the word.
     */
    private boolean wantsHuman(Map<String, String> fields, ConversationMemory memory) {
        for (String name : new String[] {"reason", "why"}) {
            String value = fields.get(name);
            if (value != null && escalator.asksForHuman(value, null)) {
                return true;
            }
        }
        List<ConversationMemory.Line> lines = memory.messages();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if ("person".equals(lines.get(i).from())) {
                return escalator.asksForHuman(lines.get(i).text(), null);
            }
        }
        return false;
    }

    /** Outside Conversation Routing an app may ask for control; the default app yields only to humans. */
    private void grantToHumans(HandoverEvent.RequestThreadControl request, Conversation conversation) {
        if (peers.isHuman(request.requestedOwnerAppId()) && conversation.ownsThread()) {
            conversation.passTo(request.requestedOwnerAppId(), "{\"from\":\"default\",\"reason\":\"requested\"}");
        }
    }

    private static Placeholders placeholders(ConversationMemory memory, EntryPoint entry) {
        return new Placeholders(Observations.context(entry, memory));
    }
}
