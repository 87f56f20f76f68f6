package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A {@code message_deliveries} event; {@code mids} may be empty, {@code watermark} is always there. */
public record DeliveryEvent(EventHeader header, List<String> mids, long watermark) implements WebhookEvent {
    public DeliveryEvent {
        requireNonNull(header, "header is null");
        mids = List.copyOf(requireNonNull(mids, "mids is null"));
    }

    @Override
    public String kind() {
        return "delivery";
    }
}
