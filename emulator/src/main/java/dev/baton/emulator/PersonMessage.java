package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Attachment;
import java.util.List;

/** A message the person sends: text, a quick-reply tap (text plus payload), attachments, or a mix. */
public record PersonMessage(String text, String quickReplyPayload, List<Attachment> attachments) {

    public PersonMessage {
        attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
        if (text == null && attachments.isEmpty()) {
            throw new IllegalArgumentException("a message needs text or attachments");
        }
        if (quickReplyPayload != null && text == null) {
            throw new IllegalArgumentException("a quick reply carries the button's text");
        }
    }

    public static PersonMessage text(String text) {
        return new PersonMessage(requireNonNull(text, "text is null"), null, List.of());
    }

    public static PersonMessage quickReply(String text, String payload) {
        return new PersonMessage(requireNonNull(text, "text is null"), requireNonNull(payload, "payload is null"),
                List.of());
    }
}
