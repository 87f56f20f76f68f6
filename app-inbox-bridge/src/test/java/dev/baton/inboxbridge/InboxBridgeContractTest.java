package dev.baton.inboxbridge;

import dev.baton.spi.AppRole;
import dev.baton.testkit.ConversationAppContract;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;
import java.time.Duration;

/**
 * The inbox bridge keeps the promises every app makes. Helpdesk mode is the one where the bridge owns threads
 * (meta-inbox mode passes them on at once); the person reaches it by an m.me link routed to it, and with no
 * agent answering it hands the thread back after {@code handBackAfter}.
 */
class InboxBridgeContractTest extends ConversationAppContract {

    @Override
    protected FixtureApp appUnderTest() {
        return FixtureApp.of("inbox-bridge", "inbox-bridge", "333333", AppRole.INBOX).withSettingsYaml("""
                mode: helpdesk
                handoffText: "You're in the queue for a person."
                helpdesk: { connector: memory, signingSecret: "contract-signing-secret", handBackAfter: 2h }
                """);
    }

    @Override
    protected PageFixture.Builder page(PageFixture.Builder builder) {
        return builder.app(FixtureApp.of("default", "default", "222222", AppRole.DEFAULT))
                .linkRoute("help", "inbox-bridge");
    }

    @Override
    protected void startConversation(PageFixture page, FixturePerson person) {
        person.openLink("help");
    }

    @Override
    protected Duration completionWithin() {
        return Duration.ofHours(3);
    }
}
