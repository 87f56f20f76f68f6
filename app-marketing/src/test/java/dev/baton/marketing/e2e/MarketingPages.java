package dev.baton.marketing.e2e;

import dev.baton.spi.AppRole;
import java.nio.file.Path;
import dev.baton.testkit.BystanderPlugin;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.PageFixture;

/** The Page the end-to-end tests run: the marketing app next to a recording default app. */
final class MarketingPages {

    static final String MARKETING = "marketing";
    static final String DEFAULT = "default";
    static final String MARKETING_APP_ID = "700000000000001";
    static final String DEFAULT_APP_ID = "700000000000002";

    static final String PRICES = "BATON_MKT:spring-sale:prices";
    static final String QUOTE = "BATON_MKT:spring-sale:quote";
    static final String TALK = "BATON_MKT:spring-sale:talk";

    static final String SETTINGS = """
            completionDeadline: 30m
            leadSink: LEAD_SINK
            campaigns:
              - name: spring-sale
                adIds: ["ad-spring-1"]
                refs: [spring]
                welcome: "Hi! Our spring sale is on. What would you like to do?"
                choices:
                  - { id: prices, title: See prices, action: answer, text: "Everything is 20% off until May 31." }
                  - id: quote
                    title: Get a quote
                    action: lead
                    lead: { kind: email, thanks: "Thanks! Your quote is on its way.", maxAttempts: 2 }
                  - { id: talk, title: Talk to us, action: pass, text: "Connecting you with our team." }
            """;

    private MarketingPages() {}

    static FixtureApp marketing() {
        return FixtureApp.of(MARKETING, "marketing", MARKETING_APP_ID, AppRole.MARKETING)
                .withSettingsYaml(SETTINGS.replace("LEAD_SINK", "{ type: logging }"));
    }

    /** The marketing app writing its leads to {@code leads} (a JSONL file). */
    static FixtureApp marketing(Path leads) {
        return FixtureApp.of(MARKETING, "marketing", MARKETING_APP_ID, AppRole.MARKETING)
                .withSettingsYaml(SETTINGS.replace("LEAD_SINK", "{ type: jsonl, path: '" + leads + "' }"));
    }

    /** A silent default app, so passes and releases have somewhere to go and its webhooks can be read. */
    static FixtureApp bystanderDefault() {
        return FixtureApp.of(DEFAULT, BystanderPlugin.NAME, DEFAULT_APP_ID, AppRole.DEFAULT);
    }

    static PageFixture.Builder page(FixtureApp marketing) {
        return PageFixture.builder().app(marketing).app(bystanderDefault());
    }
}
