package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * What every messaging event carries: the page of the entry it came in, {@code sender.id},
 * {@code recipient.id}, {@code timestamp} (milliseconds) and the array it came from.
 */
public record EventHeader(String pageId, String senderId, String recipientId, long timestamp, Channel channel) {
    public EventHeader {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(senderId, "senderId is null");
        requireNonNull(recipientId, "recipientId is null");
        requireNonNull(channel, "channel is null");
    }
}
