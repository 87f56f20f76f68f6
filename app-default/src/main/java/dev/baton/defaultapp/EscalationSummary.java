package dev.baton.defaultapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the handover metadata the default app sends when it escalates: a JSON object that tells the human
 * side why and what happened so far, so nobody asks the person again. Meta caps {@code metadata} at 1000
 * characters, so the oldest lines are dropped (then lines shortened) until it fits.
 *
 * <pre>{"from":"default","reason":"keyword","entry":"LINK","ref":"spring","ad_id":"...","ad_title":"...",
 *  "handover":{"why":"agent"},"last":[{"from":"person","text":"..."}]}</pre>
 */
final class EscalationSummary {

    static final int MAX_METADATA = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EscalationSummary() {}

    static String escalation(String reason, EntryPoint entry, ConversationMemory memory) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", "default");
        root.put("reason", reason);
        root.put("entry", entry.name());
        if (memory.referral() != null) {
            putIfPresent(root, "source", memory.referral().source());
            putIfPresent(root, "ref", memory.referral().ref());
            putIfPresent(root, "ad_id", memory.referral().adId());
            putIfPresent(root, "ad_title", memory.referral().adTitle());
        }
        if (!memory.handover().isEmpty()) {
            ObjectNode handover = root.putObject("handover");
            memory.handover().forEach(handover::put);
        }
        List<ConversationMemory.Line> lines = memory.messages();
        int textLimit = ConversationMemory.MAX_TEXT;
        for (int skip = 0; ; ) {
            ArrayNode last = root.putArray("last");
            for (ConversationMemory.Line line : lines.subList(skip, lines.size())) {
                String text = line.text().length() > textLimit ? line.text().substring(0, textLimit) : line.text();
                last.addObject().put("from", line.from()).put("text", text);
            }
            String written = write(root);
            if (written.length() <= MAX_METADATA) {
                return written;
            }
            if (skip < lines.size() - 1) {
                skip++;
            } else if (textLimit > 20) {
                textLimit /= 2;
            } else {
                root.remove("last");
                root.remove("handover");
                return truncate(write(root));
            }
        }
    }

    /**
     * The metadata of a turn passed back to the humans of an open escalation: why, which escalation, and the
     * person's message (its {@code mid}, so the receiver can tell whether it already saw it on standby, and its
     * text, cut to 500 characters so the whole stays under Meta's 1000).
     */
    static String returning(ConversationMemory.Escalation escalation, String mid, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("baton", ReturningPerson.MARK);
        root.put("from", "default");
        root.put("to", "human");
        ObjectNode about = root.putObject("escalation");
        about.put("target", escalation.target());
        about.put("at", escalation.at());
        putIfPresent(about, "reason", escalation.reason());
        putIfPresent(root, "mid", mid != null && mid.length() <= 200 ? mid : null);
        putIfPresent(root, "text", text == null || text.length() <= 500 ? text : text.substring(0, 500));
        return truncate(write(root));
    }

    private static String truncate(String written) {
        // Only reached with absurd refs or titles; an over-long metadata would make Meta refuse the pass.
        return written.length() <= MAX_METADATA ? written : "{\"from\":\"default\",\"truncated\":true}";
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write handover metadata", e);
        }
    }
}
