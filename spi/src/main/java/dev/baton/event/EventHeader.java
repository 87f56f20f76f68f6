package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * What every messaging event carries: the page of the entry it came in, {@code sender.id},
 * {@code recipient.id}, {@code timestamp} (milliseconds) and the array it came from, plus the event's raw JSON.
 *
 * <p>{@code senderId} is {@code ""} when Meta sent no {@code sender.id}: Page-level events
 * ({@code policy_enforcement}, {@code app_roles}), checkbox-plugin opt-ins, and senders known only by
 * {@code sender.user_ref} (chat plugin, some postbacks), whose reference is {@code senderUserRef} (null
 * otherwise). Deliveries and reads without a {@code timestamp} carry their watermark as the timestamp.
 * {@code raw} is the exact bytes of the whole event object ({@link RawJson#NONE} for events built in code).
 */
public record EventHeader(String pageId, String senderId, String recipientId, long timestamp, Channel channel,
                          String senderUserRef, RawJson raw) {
    public EventHeader {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(senderId, "senderId is null");
        requireNonNull(recipientId, "recipientId is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(raw, "raw is null");
    }

    /** A header built in code: a sender with an id, no raw JSON. */
    public EventHeader(String pageId, String senderId, String recipientId, long timestamp, Channel channel) {
        this(pageId, senderId, recipientId, timestamp, channel, null, RawJson.NONE);
    }

    /** The same header with {@code raw} as its raw JSON. */
    public EventHeader withRaw(RawJson raw) {
        return new EventHeader(pageId, senderId, recipientId, timestamp, channel, senderUserRef, raw);
    }

    /**
     * The person this event is about, as a conversation key's user id: the sender's id, or
     * {@code "user_ref:" + senderUserRef} for a sender known only by reference (so that two such people never
     * share a lane), or {@code ""} when the event names no person.
     */
    public String senderKey() {
        if (senderId.isEmpty() && senderUserRef != null) {
            return "user_ref:" + senderUserRef;
        }
        return senderId;
    }
}
