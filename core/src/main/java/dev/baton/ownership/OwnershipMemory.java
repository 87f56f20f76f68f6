package dev.baton.ownership;

import dev.baton.event.ConversationKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tracker's map, keyed compactly: on the tracker's own Page a numeric PSID/IGSID is stored as a
 * {@code Long} (16 bytes) instead of a {@link ConversationKey} with two strings; anything else falls back
 * to the key itself. Thread-safe.
 */
final class OwnershipMemory {

    private final String pageId;
    private final ConcurrentHashMap<Object, OwnershipEntry> entries = new ConcurrentHashMap<>();

    OwnershipMemory(String pageId) {
        this.pageId = pageId;
    }

    OwnershipEntry get(ConversationKey key) {
        return entries.get(compact(key));
    }

    void put(ConversationKey key, OwnershipEntry entry) {
        entries.put(compact(key), entry);
    }

    void remove(ConversationKey key) {
        entries.remove(compact(key));
    }

    int size() {
        return entries.size();
    }

    private Object compact(ConversationKey key) {
        String user = key.userId();
        if (key.pageId().equals(pageId) && !user.isEmpty() && user.length() <= 18 && user.charAt(0) != '0'
                && user.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.valueOf(user);
        }
        return key;
    }
}
