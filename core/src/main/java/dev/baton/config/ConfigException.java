package dev.baton.config;

/**
 * A Page configuration (or an app's {@code settings:} block) cannot be used. The message names the key by
 * its full path ({@code apps[0].secret}, {@code server.port}) and what is wrong; it never holds a configured
 * value, so it is safe to print even when the key holds a secret.
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key == null || key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
    }

    /** The full path of the offending key, or null when the problem is the whole file. */
    public String key() {
        return key;
    }
}
