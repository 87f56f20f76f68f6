package dev.baton.send;

/** A template button. Titles are at most 20 characters, postback payloads at most 1000. */
public sealed interface Button {

    String title();

    static Button url(String title, String url) {
        return new Url(title, url);
    }

    static Button postback(String title, String payload) {
        return new Postback(title, payload);
    }

    static Button call(String title, String phoneNumber) {
        return new Call(title, phoneNumber);
    }

    /** {@code web_url}: opens a page. */
    record Url(String title, String url) implements Button {
        public Url {
            Limits.required("button.title", title, Limits.BUTTON_TITLE_MAX);
            Limits.required("button.url", url, 2083);
        }
    }

    /** {@code postback}: sends {@code payload} back to the app as a postback event. */
    record Postback(String title, String payload) implements Button {
        public Postback {
            Limits.required("button.title", title, Limits.BUTTON_TITLE_MAX);
            Limits.required("button.payload", payload, Limits.PAYLOAD_MAX);
        }
    }

    /** {@code phone_number}: calls a number (with a leading +). */
    record Call(String title, String phoneNumber) implements Button {
        public Call {
            Limits.required("button.title", title, Limits.BUTTON_TITLE_MAX);
            Limits.required("button.payload", phoneNumber, 32);
            Limits.check(phoneNumber.startsWith("+"), "button.payload", "a phone number must start with +");
        }
    }
}
