package dev.baton.inboxbridge;

import dev.baton.event.ConversationKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Ticket ids: the conversation and the episode number, base64url-encoded, so an inbound reply leads back to
 * its conversation with no lookup table (and survives restarts). Ids are not secret — inbound requests are
 * authenticated by their signature — but they are opaque to the helpdesk.
 */
final class Tickets {

    private Tickets() {}

    static String id(ConversationKey key, int episode) {
        String plain = key.pageId() + "\n" + key.userId() + "\n" + episode;
        return "t-" + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The conversation a ticket id belongs to, or empty when it is not one of ours. */
    static Optional<ConversationKey> conversationOf(String ticketId) {
        if (ticketId == null || !ticketId.startsWith("t-") || ticketId.length() > 400) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(ticketId.substring(2)), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("\\d{1,9}")) {
                return Optional.empty();
            }
            return Optional.of(new ConversationKey(parts[0], parts[1]));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
