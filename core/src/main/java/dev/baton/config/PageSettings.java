package dev.baton.config;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Platform;

/** The {@code page:} section: the Page (or Instagram account) id and which platform it is on. */
public record PageSettings(String id, Platform platform) {
    public PageSettings {
        requireNonNull(id, "id is null");
        requireNonNull(platform, "platform is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("page id is blank");
        }
    }
}
