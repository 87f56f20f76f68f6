package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * One conversation: a Page (or Instagram account) and one person, by their page-scoped id (PSID or IGSID).
 * Every event of a conversation, whichever app it is addressed to, carries the same key; the dispatcher
 * runs events with one key one at a time.
 */
public record ConversationKey(String pageId, String userId) {
    public ConversationKey {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(userId, "userId is null");
    }

    @Override
    public String toString() {
        return pageId + "/" + userId;
    }
}
