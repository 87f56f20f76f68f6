package dev.baton.config;

import static java.util.Objects.requireNonNull;

/**
 * A Page config together with its {@code setup:} section, as {@link PageConfigLoader#loadWithSetup} reads it for
 * the {@code setup} and {@code doctor} commands. The running deployment needs only {@link #config()}.
 */
public record PageSetupConfig(PageConfig config, SetupSettings setup) {

    public PageSetupConfig {
        requireNonNull(config, "config is null");
        setup = setup == null ? SetupSettings.NONE : setup;
    }
}
