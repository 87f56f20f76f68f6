package dev.baton.marketing;

import java.util.Locale;

/**
 * Where leads go: {@code logging} (a log line with the contact masked) or {@code jsonl} (one JSON object per
 * line appended to {@code path}, synced to disk before the person is thanked).
 */
public record LeadSinkConfig(String type, String path) {

    public static final LeadSinkConfig LOGGING = new LeadSinkConfig("logging", null);

    public LeadSinkConfig {
        type = type == null ? "logging" : type.trim().toLowerCase(Locale.ROOT);
        if (!type.equals("logging") && !type.equals("jsonl")) {
            throw new IllegalArgumentException("leadSink type must be logging or jsonl: " + type);
        }
        if (type.equals("jsonl") && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("leadSink type jsonl needs a path");
        }
        if (type.equals("logging") && path != null) {
            throw new IllegalArgumentException("leadSink type logging takes no path");
        }
    }
}
