package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One Meta app hosted by this deployment: its instance name (also its webhook path segment), its Meta app
 * id and its role. Secrets are deliberately not part of this record so it can be logged.
 */
public record HostedApp(String name, String appId, AppRole role) {

    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public HostedApp {
        requireNonNull(name, "name is null");
        requireNonNull(appId, "appId is null");
        requireNonNull(role, "role is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("app name must match [a-z][a-z0-9-]*: " + name);
        }
    }
}
