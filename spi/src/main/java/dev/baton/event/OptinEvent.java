package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code messaging_optins} event (plugin opt-in, one-time or recurring notification opt-in). The named
 * fields are the common ones; {@code optinJson} keeps the whole raw {@code optin} object.
 */
public record OptinEvent(EventHeader header, String type, String ref, String userRef, String payload,
                         String optinJson) implements WebhookEvent {
    public OptinEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "optin";
    }
}
