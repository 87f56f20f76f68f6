package dev.baton.marketing.e2e;

import static dev.baton.marketing.e2e.MarketingPages.MARKETING;
import static dev.baton.marketing.e2e.MarketingPages.PRICES;

import dev.baton.testkit.ConversationAppContract;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;

/** The marketing app keeps every promise of the contract kit. */
class MarketingContractTest extends ConversationAppContract {

    @Override
    protected FixtureApp appUnderTest() {
        return MarketingPages.marketing();
    }

    @Override
    protected PageFixture.Builder page(PageFixture.Builder builder) {
        return builder.app(MarketingPages.bystanderDefault());
    }

    @Override
    protected void startConversation(PageFixture page, FixturePerson person) {
        person.tapAd("ad-spring-1", MARKETING);
    }

    @Override
    protected void finishConversation(PageFixture page, FixturePerson person) {
        person.quickReply("See prices", PRICES);
    }
}
