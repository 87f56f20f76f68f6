package dev.baton.launcher;

import dev.baton.config.AppConfig;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last line of defence of the {@code setup} and {@code doctor} commands: every line they print passes here,
 * and any configured secret (app secrets, Page tokens, verify tokens, app tokens) in it becomes {@code ****}.
 * The commands never put a secret in a line on purpose; this catches one that rides in on a message from
 * elsewhere (an exception, Meta's error text).
 */
final class Redactor {

    private final List<String> secrets;
    private final PrintStream out;

    Redactor(List<AppConfig> apps, List<String> more, PrintStream out) {
        Set<String> values = new LinkedHashSet<>();
        for (AppConfig app : apps) {
            values.add(app.secret());
            values.add(app.accessToken());
            values.add(app.verifyToken());
        }
        values.addAll(more);
        values.removeIf(value -> value == null || value.length() < 4);
        // Longest first, so a secret that contains another is hidden whole.
        this.secrets = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.out = out;
    }

    String clean(String text) {
        String clean = text == null ? "" : text;
        for (String secret : secrets) {
            clean = clean.replace(secret, "****");
        }
        return clean;
    }

    void println(String line) {
        out.println(clean(line));
    }
}
