package dev.baton.config;

import java.util.List;

/**
 * {@code setup.profile}: the Page's Messenger Profile in Meta's own terms (camelCase keys). A property left
 * out is not managed: {@code setup} neither writes nor deletes it.
 *
 * @param getStarted         the Get Started button's payload
 * @param greeting           the welcome-screen greeting per locale; a {@code default} locale is required
 * @param iceBreakers        ice breakers in the current (per-locale) format; a {@code default} locale is required
 * @param persistentMenu     the persistent menu per locale; needs {@code getStarted}
 * @param whitelistedDomains https domains allowed in webviews and plugins
 */
public record ProfileSettings(
        GetStarted getStarted,
        List<Greeting> greeting,
        List<IceBreakers> iceBreakers,
        List<MenuLocale> persistentMenu,
        List<String> whitelistedDomains) {

    public ProfileSettings {
        greeting = greeting == null ? null : List.copyOf(greeting);
        iceBreakers = iceBreakers == null ? null : List.copyOf(iceBreakers);
        persistentMenu = persistentMenu == null ? null : List.copyOf(persistentMenu);
        whitelistedDomains = whitelistedDomains == null ? null : List.copyOf(whitelistedDomains);
    }

    /** {@code get_started: {payload}}. */
    public record GetStarted(String payload) {}

    /** One {@code greeting[]} item; the text may use {@code {{user_first_name}}} and friends. */
    public record Greeting(String locale, String text) {}

    /** One locale of {@code ice_breakers[]} (new format). */
    public record IceBreakers(String locale, List<Question> callToActions) {
        public IceBreakers {
            callToActions = callToActions == null ? List.of() : List.copyOf(callToActions);
        }
    }

    /** One ice breaker: the question shown and the postback payload it sends. */
    public record Question(String question, String payload) {}

    /** One locale of {@code persistent_menu[]}; {@code composerInputDisabled} defaults to false. */
    public record MenuLocale(String locale, Boolean composerInputDisabled, List<MenuItem> callToActions) {
        public MenuLocale {
            composerInputDisabled = Boolean.TRUE.equals(composerInputDisabled);
            callToActions = callToActions == null ? List.of() : List.copyOf(callToActions);
        }
    }

    /** A menu item: {@code type} {@code postback} (with {@code payload}) or {@code web_url} (with {@code url}). */
    public record MenuItem(String type, String title, String payload, String url) {}
}
