package dev.baton.send;

/**
 * The payload of a REACT or UNREACT sender action: which message, and for REACT which reaction
 * ({@code love}, or an emoji). Serialised as {@code "payload":{"message_id":...,"reaction":...}}.
 */
public record Reaction(String messageId, String reaction) {
    public Reaction {
        Limits.required("payload.message_id", messageId, 256);
        Limits.atMost("payload.reaction", reaction, 32);
    }
}
