package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The quick-reply payload of a welcome choice: {@code BATON_MKT:<campaign>:<choice>}. Naming the campaign in the
 * payload lets a tap be understood even when it arrives after the conversation's state was lost or out of
 * order, and keeps one app's payloads apart from another's.
 */
record ChoicePayload(String campaign, String choice) {

    private static final String PREFIX = "BATON_MKT:";

    ChoicePayload {
        requireNonNull(campaign, "campaign is null");
        requireNonNull(choice, "choice is null");
    }

    String encode() {
        return PREFIX + campaign + ":" + choice;
    }

    static Optional<ChoicePayload> decode(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = payload.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ChoicePayload(rest.substring(0, colon), rest.substring(colon + 1)));
    }
}
