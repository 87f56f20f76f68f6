package dev.baton.runtime;

/**
 * The deployment cannot be assembled: a plugin is missing or clashes, or an app's module cannot be built.
 * The message names the app and the plugin and says what to do; it never holds a secret.
 */
public final class PluginLoadException extends RuntimeException {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
