package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.MessageEditEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.UnsendEvent;
import dev.baton.event.UnsupportedMessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.Claim;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether an event was already handed to an app, so that Meta's retries never reach a handler twice,
 * and whether this very journal entry was being handed over when a previous run stopped. Each check is a
 * {@link ConversationStore#claim} by the journal entry ({@code batchId:eventIndex}, the claimant token):
 *
 * <ul>
 *   <li>Messages, echoes and postbacks with a {@code mid}: the key {@code kind:mid}, remembered per app
 *       (durable when the store is). Another journal entry holding it means Meta delivered it again.
 *   <li>Reactions: {@code mid}, action, reaction and timestamp. The timestamp is part of the key so that a
 *       person who reacts, unreacts and reacts again is heard each time; a retry repeats the timestamp.
 *   <li>Handover, referral, opt-in, unknown events and keyed kinds without a {@code mid}: no natural key, so
 *       they are not deduplicated by content (two identical referrals are two taps). They claim the key
 *       {@code entry:batchId:eventIndex}, so a replay can still tell whether a previous run had started on
 *       them (journal replay skips events marked done).
 *   <li>Reads and deliveries: dropped when their watermark is not newer than the last one seen for the same
 *       app, conversation and kind. Watermarks are remembered in memory only, for the
 *       {@code watermarkCapacity} least recently active conversations; after a restart one stale receipt per
 *       conversation may pass (harmless: a receipt only moves a watermark). Receipts are never
 *       {@code SAME_CLAIMANT}: a replayed receipt is not flagged as redelivered.
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

    /** The claimant token of event {@code index} of journal batch {@code batchId}. */
    static String entry(long batchId, int index) {
        return batchId + ":" + index;
    }

    /** Claims {@code event} for {@code appName} on behalf of journal entry {@code entry}, waiting for it. */
    Claim claim(String appName, WebhookEvent event, String entry) {
        return claimAsync(appName, event, entry).join();
    }

    /**
     * Claims {@code event} for {@code appName} on behalf of journal entry {@code entry}; the future completes
     * once the claim is durable ({@link ConversationStore#claimAsync}). Receipts are answered at once.
     */
    CompletableFuture<Claim> claimAsync(String appName, WebhookEvent event, String entry) {
        if (event instanceof ReadEvent read) {
            return receipt(watermarks.advance(appName, read.conversation(), "read", read.watermark()));
        }
        if (event instanceof DeliveryEvent delivery) {
            return receipt(watermarks.advance(appName, delivery.conversation(), "delivery", delivery.watermark()));
        }
        return store.claimAsync(appName, key(event, entry), entry);
    }

    /** The dedupe key of every kind but receipts. */
    private static String key(WebhookEvent event, String entry) {
        // Java 17: no pattern switch yet; kinds without a natural key fall through to the entry's own key.
        if (event instanceof MessageEvent message) {
            return keyed("message", message.message().mid(), entry);
        }
        if (event instanceof EchoEvent echo) {
            return keyed("echo", echo.message().mid(), entry);
        }
        if (event instanceof PostbackEvent postback) {
            return keyed("postback", postback.mid(), entry);
        }
        if (event instanceof ReactionEvent reaction) {
            return keyed("reaction", reaction.mid() == null ? null
                    : reaction.mid() + ":" + reaction.action() + ":" + reaction.reaction() + ":"
                            + reaction.header().timestamp(), entry);
        }
        if (event instanceof UnsupportedMessageEvent unsupported) {
            return keyed("message", unsupported.mid(), entry);
        }
        if (event instanceof UnsendEvent unsend) {
            return keyed("unsend", unsend.mid(), entry);
        }
        if (event instanceof MessageEditEvent edit) {
            // Each edit of a message is news; Meta's retries of one edit repeat its count.
            return keyed("edit", edit.mid() == null || edit.numEdit() == null ? null
                    : edit.mid() + ":" + edit.numEdit(), entry);
        }
        return "entry:" + entry;
    }

    private static String keyed(String kind, String mid, String entry) {
        return mid == null || mid.isEmpty() ? "entry:" + entry : kind + ":" + mid;
    }

    private static final CompletableFuture<Claim> NEWER = CompletableFuture.completedFuture(Claim.NEW);
    private static final CompletableFuture<Claim> STALE = CompletableFuture.completedFuture(Claim.DUPLICATE);

    /** Shared completed futures: read them, never complete them. */
    private static CompletableFuture<Claim> receipt(boolean newer) {
        return newer ? NEWER : STALE;
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
