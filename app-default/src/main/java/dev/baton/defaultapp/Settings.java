package dev.baton.defaultapp;

import java.util.List;
import java.util.Map;

/**
 * The default app's {@code settings:} block. Every field is optional; see the module README for a complete
 * example. Unknown keys are refused by the runtime when the block is read.
 *
 * @param greeting          first contact: Get Started without a known ref, or an organic first message that
 *                          no intent answers
 * @param welcomeBack       a message after the 24-hour window that no intent answers
 * @param afterHandover     control passed from another app (the marketing app) when neither the handover's
 *                          choice nor the referral seen on standby points at a better answer
 * @param afterHuman        control coming back from the human agents; absent means say nothing
 * @param getStartedPayload the Get Started button's payload (default {@code GET_STARTED})
 * @param refs              m.me / Get Started {@code ref} to its answer
 * @param intents           keyword and quick-reply intents, tried in order
 * @param menu              persistent-menu (or button) postback payload to its answer
 * @param fallback          when nothing else answers
 * @param escalation        when and where the thread goes to humans
 * @param contextMessages   how many recent messages to keep per conversation for context (default 6, max 20)
 */
public record Settings(
        Answer greeting,
        Answer welcomeBack,
        Answer afterHandover,
        Answer afterHuman,
        String getStartedPayload,
        Map<String, Answer> refs,
        List<Intent> intents,
        Map<String, Answer> menu,
        Answer fallback,
        EscalationSettings escalation,
        Integer contextMessages) {

    public Settings {
        greeting = greeting != null ? greeting
                : Answer.text("Hi! How can we help? Type 'agent' at any time to talk to a person.");
        welcomeBack = welcomeBack != null ? welcomeBack : Answer.text("Welcome back! How can we help?");
        afterHandover = afterHandover != null ? afterHandover
                : Answer.text("Thanks, I'll take it from here. What else can I do for you?");
        getStartedPayload = getStartedPayload != null ? getStartedPayload : "GET_STARTED";
        refs = refs == null ? Map.of() : Map.copyOf(refs);
        intents = intents == null ? List.of() : List.copyOf(intents);
        menu = menu == null ? Map.of() : Map.copyOf(menu);
        fallback = fallback != null ? fallback
                : Answer.text("Sorry, I didn't get that. Type 'agent' to talk to a person.");
        escalation = escalation != null ? escalation : EscalationSettings.DEFAULTS;
        contextMessages = contextMessages != null ? contextMessages : 6;
        if (contextMessages < 1 || contextMessages > 20) {
            throw new IllegalArgumentException("contextMessages must be 1 to 20, got " + contextMessages);
        }
        long distinctNames = intents.stream().map(Intent::name).distinct().count();
        if (distinctNames != intents.size()) {
            throw new IllegalArgumentException("intent names must be unique");
        }
    }

    /** Every default, as when the block is absent. */
    public static Settings defaults() {
        return new Settings(null, null, null, null, null, null, null, null, null, null, null);
    }
}
