package dev.baton.inboxbridge.helpdesk;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Something the person sent while their conversation is with the helpdesk.
 *
 * @param ticketId       the open ticket
 * @param text           the text (a postback's title for a button tap), or null
 * @param attachmentUrls the URLs of attachments, if any
 * @param at             when the person sent it (the webhook's timestamp)
 */
public record HelpdeskMessage(String ticketId, String text, List<String> attachmentUrls, Instant at) {
    public HelpdeskMessage {
        requireNonNull(ticketId, "ticketId is null");
        attachmentUrls = List.copyOf(requireNonNull(attachmentUrls, "attachmentUrls is null"));
        requireNonNull(at, "at is null");
    }
}
