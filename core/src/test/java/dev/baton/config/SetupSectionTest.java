package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code setup:} section: read with the Page config, refused at load time where Meta would refuse it. */
class SetupSectionTest {

    private static final Map<String, String> ENV = Map.of("SECRET", "s3cret-app", "TOKEN", "EAApage-token",
            "VERIFY", "verify-me", "APP_TOKEN", "111|s3cret-app");

    private static final String BASE = """
            page: { id: "1234567890", platform: %s }
            apps:
              - { name: bot, plugin: default, appId: "111", role: default, secret: "${SECRET}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY}" }
            """;

    private static final String FULL = """
            setup:
              publicUrl: https://bot.example.com/
              apps:
                bot: { fields: [message_reads, message_reactions], appToken: "${APP_TOKEN}" }
              profile:
                getStarted: { payload: GET_STARTED }
                greeting:
                  - { locale: default, text: "Hi {{user_first_name}}!" }
                iceBreakers:
                  - locale: default
                    callToActions: [ { question: "Hours?", payload: HOURS } ]
                persistentMenu:
                  - locale: default
                    callToActions:
                      - { type: postback, title: Help, payload: HELP }
                      - { type: web_url, title: Site, url: "https://bot.example.com" }
                whitelistedDomains: [ "https://bot.example.com" ]
            """;

    private final PageConfigLoader loader = new PageConfigLoader(ENV);

    @Test
    void readsTheWholeSection() {
        PageSetupConfig configured = parse(FULL);

        SetupSettings setup = configured.setup();
        assertThat(setup.publicUrl()).isEqualTo("https://bot.example.com/");
        assertThat(setup.app("bot").fields()).containsExactly("message_reads", "message_reactions");
        assertThat(setup.app("bot").appToken()).isEqualTo("111|s3cret-app");
        assertThat(setup.profile().getStarted().payload()).isEqualTo("GET_STARTED");
        assertThat(setup.profile().persistentMenu().get(0).composerInputDisabled()).isFalse();
        assertThat(setup.profile().iceBreakers().get(0).callToActions()).hasSize(1);
        assertThat(setup.toString()).doesNotContain("s3cret");
        assertThat(setup.app("bot").toString()).doesNotContain("s3cret");
        assertThat(configured.config().apps()).hasSize(1);
        assertThat(loader.parse(base("messenger") + FULL, PageConfigLoader.Format.YAML).page().id())
                .as("the serving path reads the same file").isEqualTo("1234567890");
    }

    @Test
    void noSectionMeansNothingToSetUp() {
        assertThat(parse("").setup()).isEqualTo(SetupSettings.NONE);
    }

    @Test
    void refusedAsMetaWouldRefuseThem() {
        assertRefused(FULL.replace("Hi {{user_first_name}}!", "x".repeat(161)),
                "setup.profile.greeting[0].text: at most 160 characters (Meta's limit), not 161");
        assertRefused(FULL.replace("{ locale: default, text:", "{ locale: en_US, text:"),
                "setup.profile.greeting: Meta requires an entry with locale: default");
        assertRefused(FULL.replace("    getStarted: { payload: GET_STARTED }\n", ""),
                "setup.profile.persistentMenu: Meta refuses a persistent menu without a Get Started button");
        assertRefused(FULL.replace("[ { question: \"Hours?\", payload: HOURS } ]",
                        "[ {question: a, payload: A}, {question: b, payload: B}, {question: c, payload: C}, "
                                + "{question: d, payload: D}, {question: e, payload: E} ]"),
                "setup.profile.iceBreakers[0].callToActions: give 1 to 4 questions (Meta's limit), not 5");
        assertRefused(FULL.replace("title: Help,", "title: \"" + "t".repeat(31) + "\","),
                "setup.profile.persistentMenu[0].callToActions[0].title: at most 30 characters");
        assertRefused(FULL.replace("payload: GET_STARTED", "payload: \"" + "p".repeat(1001) + "\""),
                "setup.profile.getStarted.payload: at most 1000 characters");
        assertRefused(FULL.replace("[ \"https://bot.example.com\" ]", "[ \"https://localhost\" ]"),
                "setup.profile.whitelistedDomains[0]: must be a fully qualified domain name");
        assertRefused(FULL.replace("[ \"https://bot.example.com\" ]", "[ \"http://bot.example.com\" ]"),
                "setup.profile.whitelistedDomains[0]: must be an https URL");
        assertRefused(FULL.replace("type: postback, title: Help", "type: nested, title: Help"),
                "setup.profile.persistentMenu[0].callToActions[0].type: nested menus are deprecated");
        assertRefused(FULL.replace("[message_reads, message_reactions]", "[message_reads, messages_read]"),
                "setup.apps.bot.fields[1]: not a webhook field of messenger");
        assertRefused(FULL.replace("    bot: {", "    other: {"), "setup.apps.other: no app of that name in apps[]");
        assertRefused(FULL.replace("publicUrl: https://bot.example.com/", "publicUrl: bot.example.com"),
                "setup.publicUrl: must be an absolute http(s) URL");
    }

    @Test
    void unknownKeysAreRefusedLikeEverywhereElse() {
        assertRefused(FULL.replace("  publicUrl:", "  publicURL:"), "setup.publicURL: unknown key");
        assertRefused(FULL.replace("getStarted: { payload: GET_STARTED }", "getStarted: { payload: G, title: T }"),
                "setup.profile.getStarted.title: unknown key");
        assertRefused(FULL.replace("bot: { fields:", "bot: { subscribedFields:"), "setup.apps.bot.subscribedFields: unknown key");
    }

    @Test
    void anAppTokenOnlyFromTheEnvironment() {
        assertThatThrownBy(() -> parse(FULL.replace("\"${APP_TOKEN}\"", "\"111|literal-secret\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setup.apps.bot.appToken: a secret: write it as ${ENV_NAME}, never in the file")
                .hasMessageNotContaining("literal-secret");
        assertThatThrownBy(() -> parse(FULL.replace("${APP_TOKEN}", "${NOT_SET}")))
                .hasMessage("setup.apps.bot.appToken: environment variable NOT_SET is not set");
    }

    @Test
    void instagramHasItsOwnFieldNamesAndNoComposerSwitch() {
        assertThat(loader.parseWithSetup(base("instagram") + FULL.replace("[message_reads, message_reactions]",
                "[messaging_seen]"), PageConfigLoader.Format.YAML).setup().app("bot").fields())
                .containsExactly("messaging_seen");
        assertThatThrownBy(() -> loader.parseWithSetup(base("instagram") + FULL, PageConfigLoader.Format.YAML))
                .hasMessageStartingWith("setup.apps.bot.fields[0]: not a webhook field of instagram");
        assertThatThrownBy(() -> loader.parseWithSetup(base("instagram") + FULL
                        .replace("[message_reads, message_reactions]", "[messaging_seen]")
                        .replace("  - locale: default\n        callToActions:\n          - { type",
                                "  - locale: default\n        composerInputDisabled: true\n        callToActions:\n          - { type"),
                PageConfigLoader.Format.YAML))
                .hasMessage("setup.profile.persistentMenu[0].composerInputDisabled: not available on Instagram");
    }

    private PageSetupConfig parse(String setup) {
        return loader.parseWithSetup(base("messenger") + setup, PageConfigLoader.Format.YAML);
    }

    private void assertRefused(String setup, String message) {
        assertThatThrownBy(() -> parse(setup)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    private static String base(String platform) {
        return BASE.formatted(platform);
    }
}
