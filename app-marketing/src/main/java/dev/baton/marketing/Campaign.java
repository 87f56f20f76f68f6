package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One campaign: which ads it answers and the welcome it opens with.
 *
 * @param name         short name, {@code [a-z0-9][a-z0-9-]*}: the metric tag and part of quick-reply payloads
 * @param adIds        the ads ({@code referral.ad_id}) this campaign answers
 * @param refs         the ads' {@code ref} values this campaign answers (used when no ad id matches)
 * @param welcome      the welcome text, sent with one quick reply per choice
 * @param choices      the quick replies (1 to 13, Meta's limit) and where each leads
 * @param repromptText sent with the quick replies again when the person writes something that is no choice
 */
public record Campaign(String name, List<String> adIds, List<String> refs, String welcome,
                                List<Choice> choices, String repromptText) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public Campaign {
        requireNonNull(name, "campaign name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("campaign name must match [a-z0-9][a-z0-9-]{0,39}: " + name);
        }
        adIds = adIds == null ? List.of() : List.copyOf(adIds);
        refs = refs == null ? List.of() : List.copyOf(refs);
        requireNonNull(welcome, "campaign " + name + ": welcome is null");
        MessageLimits.checkText("campaign " + name + ": welcome", welcome);
        choices = List.copyOf(requireNonNull(choices, "campaign " + name + ": choices is null"));
        if (choices.isEmpty() || choices.size() > MessageLimits.MAX_QUICK_REPLIES) {
            throw new IllegalArgumentException("campaign " + name + ": needs 1 to "
                    + MessageLimits.MAX_QUICK_REPLIES + " choices, has " + choices.size());
        }
        Set<String> ids = new HashSet<>();
        for (Choice choice : choices) {
            if (!ids.add(choice.id())) {
                throw new IllegalArgumentException("campaign " + name + ": two choices have id " + choice.id());
            }
        }
        repromptText = repromptText == null ? "Please pick one of these:" : repromptText;
        MessageLimits.checkText("campaign " + name + ": repromptText", repromptText);
    }

    public Optional<Choice> choice(String id) {
        return choices.stream().filter(choice -> choice.id().equals(id)).findFirst();
    }

    /** The choice whose title or id the person typed instead of tapping (case-insensitive). */
    public Optional<Choice> choiceTyped(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String typed = text.trim();
        return choices.stream()
                .filter(choice -> choice.title().equalsIgnoreCase(typed) || choice.id().equalsIgnoreCase(typed))
                .findFirst();
    }
}
