package dev.baton.marketing;

import static dev.baton.marketing.Fixtures.config;
import static dev.baton.marketing.Fixtures.quickReply;
import static dev.baton.marketing.Fixtures.referral;
import static dev.baton.marketing.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.MessageEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.marketing.lead.Lead;
import dev.baton.testing.TestingConversation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events handed over again after a crash ({@code redelivered()}): what was finished is not repeated. */
class MarketingRedeliveredTest {

    private static final String PRICES = "BATON_MKT:spring-sale:prices";
    private static final String QUOTE = "BATON_MKT:spring-sale:quote";
    private static final String WELCOME = "Hi! Spring sale is on. What would you like?";

    private final List<Lead> leads = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestingConversation conversation = Fixtures.conversation();
    private final MarketingApp app = new MarketingApp(config(null, null), leads::add, registry, "marketing");
    private final long t0 = conversation.now().toEpochMilli();

    @Test
    void aFinishedWelcomeIsNotSentAgain() {
        ReferralEvent tap = referral("ad-1", null, t0 + 1000);
        app.onReferral(tap, conversation);
        conversation.setRedelivered(true);
        app.onReferral(tap, conversation);

        assertThat(conversation.sentTexts()).containsExactly(WELCOME);
        assertThat(registry.get("baton.marketing.redelivered_skipped").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aFinishedAnswerAndReleaseAreNotRepeated() {
        app.onReferral(referral("ad-1", null, t0 + 1000), conversation);
        MessageEvent choice = quickReply("m1", "See prices", PRICES, t0 + 2000);
        app.onMessage(choice, conversation);
        conversation.setOwner(Fixtures.APP_ID).setRedelivered(true); // as a restart may believe

        app.onMessage(choice, conversation);

        assertThat(conversation.sentTexts()).containsExactly(WELCOME, "Everything is 20% off until May 31.");
        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void aFinishedLeadIsStoredOnce() {
        app.onReferral(referral("ad-1", null, t0 + 1000), conversation);
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, t0 + 2000), conversation);
        MessageEvent email = text("m2", "jane@example.com", t0 + 3000);
        app.onMessage(email, conversation);
        conversation.setOwner(Fixtures.APP_ID).setRedelivered(true);

        app.onMessage(email, conversation);

        assertThat(leads).hasSize(1);
    }

    @Test
    void aReferralRecordedButNotFinishedBeforeTheCrashIsWelcomedWhenRedelivered() {
        ReferralEvent tap = referral("ad-1", null, t0 + 1000);
        // The previous run noted the referral, then died before the welcome went out.
        conversation.state().put("lastReferral", (t0 + 1000) + "|ad-1|null");
        TestingConversation live = Fixtures.conversation();
        live.state().put("lastReferral", (t0 + 1000) + "|ad-1|null");

        conversation.setRedelivered(true);
        app.onReferral(tap, conversation);
        app.onReferral(tap, live);

        assertThat(conversation.sentTexts()).containsExactly(WELCOME);
        assertThat(live.sentTexts()).as("live: taken for Meta's repeat").isEmpty();
    }
}
