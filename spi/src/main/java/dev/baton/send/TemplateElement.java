package dev.baton.send;

import java.util.List;

/** One card of a generic template: title (at most 80), optional subtitle (80), image, tap URL, up to 3 buttons. */
public record TemplateElement(String title, String subtitle, String imageUrl, String defaultActionUrl,
        List<Button> buttons) {
    public TemplateElement {
        Limits.required("template.elements.title", title, Limits.ELEMENT_TITLE_MAX);
        Limits.atMost("template.elements.subtitle", subtitle, Limits.ELEMENT_SUBTITLE_MAX);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        Limits.check(buttons.size() <= Limits.BUTTONS_MAX, "template.elements.buttons",
                "at most " + Limits.BUTTONS_MAX + " buttons");
    }

    public static TemplateElement of(String title, String subtitle, Button... buttons) {
        return new TemplateElement(title, subtitle, null, null, List.of(buttons));
    }
}
