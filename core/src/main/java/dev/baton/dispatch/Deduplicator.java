package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.ConversationStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether an event was already handed to an app, so that Meta's retries never reach a handler twice.
 *
 * <ul>
 *   <li>Messages, echoes and postbacks with a {@code mid}: the key {@code kind:mid}, remembered per app
 *       through {@link ConversationStore#firstSighting} (durable when the store is).
 *   <li>Reactions: {@code mid}, action, reaction and timestamp. The timestamp is part of the key so that a
 *       person who reacts, unreacts and reacts again is heard each time; a retry repeats the timestamp.
 *   <li>Reads and deliveries: dropped when their watermark is not newer than the last one seen for the same
 *       app, conversation and kind. Watermarks are remembered in memory only, for the
 *       {@code watermarkCapacity} least recently active conversations; after a restart one stale receipt per
 *       conversation may pass (harmless: a receipt only moves a watermark).
 *   <li>Handover, referral, opt-in and unknown events have no natural key and are not deduplicated by
 *       content: two identical referrals are two taps. Only journal replay protects them (events marked done
 *       are not replayed).
 * </ul>
 *
 * Called from the conversation's lane, so checks for one conversation never race. Thread-safe.
 */
final class Deduplicator {

    private final ConversationStore store;
    private final Watermarks watermarks;

    Deduplicator(ConversationStore store, int watermarkCapacity) {
        this.store = requireNonNull(store, "store is null");
        this.watermarks = new Watermarks(watermarkCapacity);
    }

    /** True when {@code event} is new for {@code appName} (and records it as seen). */
    boolean firstSighting(String appName, WebhookEvent event) {
        // Java 17: no pattern switch yet; kinds without a natural key fall through to "new".
        if (event instanceof MessageEvent message) {
            return keyed(appName, "message", message.message().mid());
        }
        if (event instanceof EchoEvent echo) {
            return keyed(appName, "echo", echo.message().mid());
        }
        if (event instanceof PostbackEvent postback) {
            return keyed(appName, "postback", postback.mid());
        }
        if (event instanceof ReactionEvent reaction) {
            return keyed(appName, "reaction", reaction.mid() == null ? null
                    : reaction.mid() + ":" + reaction.action() + ":" + reaction.reaction() + ":"
                            + reaction.header().timestamp());
        }
        if (event instanceof ReadEvent read) {
            return watermarks.advance(appName, read.conversation(), "read", read.watermark());
        }
        if (event instanceof DeliveryEvent delivery) {
            return watermarks.advance(appName, delivery.conversation(), "delivery", delivery.watermark());
        }
        return true;
    }

    private boolean keyed(String appName, String kind, String mid) {
        return mid == null || mid.isEmpty() || store.firstSighting(appName, kind + ":" + mid);
    }

    /** The newest watermark per (app, conversation, kind), least recently used forgotten first. */
    private static final class Watermarks {
        private final LinkedHashMap<WatermarkKey, Long> newest;

        Watermarks(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("watermark capacity must be at least 1: " + capacity);
            }
            this.newest = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<WatermarkKey, Long> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized boolean advance(String appName, ConversationKey conversation, String kind, long watermark) {
            WatermarkKey key = new WatermarkKey(appName, conversation, kind);
            Long seen = newest.get(key);
            if (seen != null && watermark <= seen) {
                return false;
            }
            newest.put(key, watermark);
            return true;
        }
    }

    private record WatermarkKey(String appName, ConversationKey conversation, String kind) {}
}
