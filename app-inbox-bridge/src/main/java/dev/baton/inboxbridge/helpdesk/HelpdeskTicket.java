package dev.baton.inboxbridge.helpdesk;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A ticket the bridge opens for a conversation handed to humans.
 *
 * @param ticketId opaque id; the helpdesk quotes it in its replies
 * @param pageId   the Page (or Instagram account)
 * @param userId   the person's page-scoped id, so agents can find earlier tickets
 * @param platform {@code messenger} or {@code instagram}
 * @param summary  what the app that escalated said about the conversation (usually JSON), may be empty
 * @param openedAt when the bridge took the conversation
 */
public record HelpdeskTicket(String ticketId, String pageId, String userId, String platform, String summary,
                             Instant openedAt) {
    public HelpdeskTicket {
        requireNonNull(ticketId, "ticketId is null");
        requireNonNull(pageId, "pageId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(platform, "platform is null");
        summary = summary == null ? "" : summary;
        requireNonNull(openedAt, "openedAt is null");
    }
}
