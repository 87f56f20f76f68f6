package dev.baton.send;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The payload of a {@code template} attachment: the typed templates Baton supports. */
public sealed interface Template {

    /** Meta's {@code template_type}. */
    String templateType();

    /** {@code button}: text (at most 640 characters) and 1 to 3 buttons. */
    record ButtonTemplate(String text, List<Button> buttons) implements Template {
        public ButtonTemplate {
            Limits.required("template.text", text, Limits.BUTTON_TEMPLATE_TEXT_MAX);
            buttons = List.copyOf(requireNonNull(buttons, "buttons is null"));
            Limits.check(!buttons.isEmpty() && buttons.size() <= Limits.BUTTONS_MAX, "template.buttons",
                    "needs 1 to " + Limits.BUTTONS_MAX + " buttons");
        }

        @Override
        public String templateType() {
            return "button";
        }
    }

    /** {@code generic}: 1 to 10 cards in a carousel. */
    record GenericTemplate(List<TemplateElement> elements) implements Template {
        public GenericTemplate {
            elements = List.copyOf(requireNonNull(elements, "elements is null"));
            Limits.check(!elements.isEmpty() && elements.size() <= Limits.GENERIC_ELEMENTS_MAX,
                    "template.elements", "needs 1 to " + Limits.GENERIC_ELEMENTS_MAX + " elements");
        }

        @Override
        public String templateType() {
            return "generic";
        }
    }

    /** {@code media}: one image or video, by uploaded attachment id or by a Facebook URL, with up to 3 buttons. */
    record MediaTemplate(MediaType mediaType, String attachmentId, String url, List<Button> buttons)
            implements Template {
        public MediaTemplate {
            requireNonNull(mediaType, "mediaType is null");
            Limits.check(mediaType == MediaType.IMAGE || mediaType == MediaType.VIDEO, "template.elements.media_type",
                    "must be image or video");
            Limits.check((attachmentId == null) != (url == null), "template.elements",
                    "needs exactly one of attachment_id and url");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
            Limits.check(buttons.size() <= Limits.BUTTONS_MAX, "template.elements.buttons",
                    "at most " + Limits.BUTTONS_MAX + " buttons");
        }

        @Override
        public String templateType() {
            return "media";
        }
    }
}
