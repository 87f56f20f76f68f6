package dev.baton.config;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Platform;

/**
 * The {@code page:} section: the Page (or Instagram account) id, which platform it is on, and optionally the
 * Page's default app id under Conversation Routing when that app is not hosted here (when it is, its
 * {@code role: default} says so and this may be left out).
 */
public record PageSettings(String id, Platform platform, String defaultAppId) {
    public PageSettings {
        requireNonNull(id, "id is null");
        requireNonNull(platform, "platform is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("page id is blank");
        }
        if (defaultAppId != null && !defaultAppId.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("defaultAppId must be a Meta app id (digits)");
        }
    }

    public PageSettings(String id, Platform platform) {
        this(id, platform, null);
    }
}
