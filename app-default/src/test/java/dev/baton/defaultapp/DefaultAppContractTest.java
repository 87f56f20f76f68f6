package dev.baton.defaultapp;

import dev.baton.spi.AppRole;
import dev.baton.testkit.ConversationAppContract;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;

/** The default app keeps the promises every app makes (it is the Page's default app, so it keeps threads). */
class DefaultAppContractTest extends ConversationAppContract {

    @Override
    protected FixtureApp appUnderTest() {
        return FixtureApp.of("default", "default", "222222", AppRole.DEFAULT)
                .withSettingsYaml(DefaultAppE2ETest.defaultSettings());
    }

    @Override
    protected void startConversation(PageFixture page, FixturePerson person) {
        person.text("hello");
        person.text("what are your opening times?");
    }
}
