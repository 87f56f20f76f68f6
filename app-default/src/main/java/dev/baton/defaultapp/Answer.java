package dev.baton.defaultapp;

import java.util.List;

/**
 * What the default app says: a text, optionally with quick replies (shown under the text) or up to three
 * buttons (sent as a button template). The text may hold placeholders such as {@code {ref}} or
 * {@code {handover.choice}}; see {@link Placeholders}.
 *
 * @param text         the message text (required, at most 2000 characters; 640 with buttons)
 * @param quickReplies at most 13 quick replies (title at most 20 characters)
 * @param buttons      at most 3 postback or URL buttons; not together with quick replies
 */
public record Answer(String text, List<QuickReply> quickReplies, List<Button> buttons) {

    public Answer {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("answer text is missing");
        }
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        if (quickReplies.size() > 13) {
            throw new IllegalArgumentException("at most 13 quickReplies, got " + quickReplies.size());
        }
        if (buttons.size() > 3) {
            throw new IllegalArgumentException("at most 3 buttons, got " + buttons.size());
        }
        if (!buttons.isEmpty() && !quickReplies.isEmpty()) {
            throw new IllegalArgumentException("an answer has quickReplies or buttons, not both: " + abbreviate(text));
        }
        int limit = buttons.isEmpty() ? 2000 : 640;
        if (text.length() > limit) {
            throw new IllegalArgumentException("answer text longer than " + limit + " characters: " + abbreviate(text));
        }
    }

    public static Answer text(String text) {
        return new Answer(text, List.of(), List.of());
    }

    /** The same answer with its placeholders filled in. */
    Answer fill(Placeholders placeholders) {
        return new Answer(placeholders.fill(text), quickReplies, buttons);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A quick reply: tapping it sends {@code payload} back as the message's quick-reply payload. */
    public record QuickReply(String title, String payload) {
        public QuickReply {
            if (title == null || title.isBlank() || title.length() > 20) {
                throw new IllegalArgumentException("quick reply title must be 1 to 20 characters: " + title);
            }
            if (payload == null || payload.isBlank() || payload.length() > 1000) {
                throw new IllegalArgumentException("quick reply payload must be 1 to 1000 characters: " + title);
            }
        }
    }

    /** A button: a postback ({@code payload}) or a link ({@code url}), exactly one of the two. */
    public record Button(String title, String payload, String url) {
        public Button {
            if (title == null || title.isBlank() || title.length() > 20) {
                throw new IllegalArgumentException("button title must be 1 to 20 characters: " + title);
            }
            if ((payload == null) == (url == null)) {
                throw new IllegalArgumentException("button '" + title + "' needs exactly one of payload or url");
            }
        }
    }
}
