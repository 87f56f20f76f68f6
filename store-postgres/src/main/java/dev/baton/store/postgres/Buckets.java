package dev.baton.store.postgres;

import dev.baton.event.ConversationKey;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Which bucket a conversation belongs to: CRC-32C of {@code pageId/userId} modulo the bucket count. Stable
 * across JVMs and versions (every instance must agree), cheap, and spread well enough for PSIDs.
 */
final class Buckets {

    private final int count;

    Buckets(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("bucket count must be positive: " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    int of(ConversationKey key) {
        return of(key.pageId(), key.userId());
    }

    int of(String pageId, String userId) {
        CRC32C crc = new CRC32C();
        crc.update(pageId.getBytes(StandardCharsets.UTF_8));
        crc.update('/');
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }
}
