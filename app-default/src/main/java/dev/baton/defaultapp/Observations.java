package dev.baton.defaultapp;

import dev.baton.event.Attachment;
import dev.baton.event.Message;
import dev.baton.event.Referral;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small translations from webhook events into what {@link ConversationMemory} keeps and answers can use. */
final class Observations {

    private Observations() {}

    static ConversationMemory.Seen seen(Referral referral) {
        String adTitle = referral.adsContext() == null ? null : referral.adsContext().adTitle();
        return new ConversationMemory.Seen(referral.source(), referral.ref(), referral.adId(), adTitle);
    }

    /** A readable one-line form of a message: its text, else its attachment kinds. */
    static String describe(Message message) {
        if (message.text() != null && !message.text().isBlank()) {
            return message.text();
        }
        if (!message.attachments().isEmpty()) {
            return message.attachments().stream().map(Attachment::type)
                    .collect(Collectors.joining(", ", "[attachment: ", "]"));
        }
        return "[empty message]";
    }

    /** The placeholders answers may use (see {@link Placeholders}). */
    static Map<String, String> context(EntryPoint entryPoint, ConversationMemory memory) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("entry_point", entryPoint.name().toLowerCase(java.util.Locale.ROOT));
        ConversationMemory.Seen referral = memory.referral();
        if (referral != null) {
            putIfPresent(values, "ref", referral.ref());
            putIfPresent(values, "ad_id", referral.adId());
            putIfPresent(values, "ad_title", referral.adTitle());
        }
        memory.handover().forEach((name, value) -> values.put("handover." + name, value));
        return values;
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }
}
