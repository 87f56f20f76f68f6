package com.example.storehours;

import dev.baton.spi.AppRole;
import dev.baton.testkit.ConversationAppContract;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;

/**
 * The example's own app keeps the promises every app makes, proved with the same contract kit as the bundled
 * apps: a person opening the m.me link with {@code ref=hours} reaches it, and it answers and passes the thread
 * to the default app.
 */
class StoreHoursContractTest extends ConversationAppContract {

    @Override
    protected FixtureApp appUnderTest() {
        return FixtureApp.of("store-hours", "store-hours", "444444444444444", AppRole.CUSTOM)
                .withSettingsYaml("{ opens: \"09:00\", closes: \"18:00\", timeZone: \"UTC\" }");
    }

    @Override
    protected PageFixture.Builder page(PageFixture.Builder builder) {
        return builder.linkRoute("hours", "store-hours");
    }

    @Override
    protected boolean answersAndHandsOnAtOnce() {
        return true;
    }

    @Override
    protected void startConversation(PageFixture page, FixturePerson person) {
        person.openLink("hours");
    }
}
