package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.testkit.samples.SampleApps;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The contract kit can fail: it is run (through the JUnit launcher) against a sample app that keeps every
 * promise and against apps that each break one, and must pass the first and catch the others.
 */
class ContractKitSelfTest {

    @Test
    void aWellBehavedAppKeepsEveryPromise() {
        TestExecutionSummary summary = run(PoliteAppContract.class);

        assertThat(failedTests(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(5);
    }

    @Test
    void anAppThatNeverLetsGoIsCaught() {
        assertThat(failedTests(run(ClingyAppContract.class)))
                .contains("releasesOrPassesWhenDone()", "survivesOutOfOrderDeliveries()");
    }

    @Test
    void anAppThatTalksWhileAHumanOwnsTheThreadIsCaught() {
        TestExecutionSummary summary = run(ChattyAppContract.class);

        assertThat(failedTests(summary)).contains("survivesStandbyEventsAndStaysSilentWhileAHumanOwnsTheThread()");
        assertThat(summary.getFailures()).anySatisfy(failure ->
                assertThat(failure.getException()).hasMessageContaining("refused because it did not own the thread"));
    }

    @Test
    void anAppThatRepeatsItselfOnDuplicateDeliveriesIsCaught() {
        assertThat(failedTests(run(ForgetfulAppContract.class))).contains("survivesDuplicateWebhookDeliveries()");
    }

    private static TestExecutionSummary run(Class<?> contract) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(contract)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static List<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(failure -> failure.getTestIdentifier().getDisplayName()).toList();
    }

    /** A contract run for one sample app, started by an ad whose receiving app it is. */
    abstract static class SampleContract extends ConversationAppContract {
        private final String plugin;
        private final Supplier<ConversationApp> app;

        SampleContract(String plugin, Supplier<ConversationApp> app) {
            this.plugin = plugin;
            this.app = app;
        }

        @Override
        protected FixtureApp appUnderTest() {
            return FixtureApp.of("sample", plugin, "900000000000001", AppRole.MARKETING);
        }

        @Override
        protected PageFixture.Builder page(PageFixture.Builder builder) {
            return builder.plugin(SampleApps.plugin(plugin, app))
                    .app(FixtureApp.of("default", BystanderPlugin.NAME, "900000000000002", AppRole.DEFAULT));
        }

        @Override
        protected void startConversation(PageFixture page, FixturePerson person) {
            person.tapAd("ad-1", "sample");
        }

        @Override
        protected void finishConversation(PageFixture page, FixturePerson person) {
            person.text("ok, thanks");
        }
    }

    static final class PoliteAppContract extends SampleContract {
        PoliteAppContract() {
            super("sample-polite", SampleApps.PoliteApp::new);
        }
    }

    static final class ClingyAppContract extends SampleContract {
        ClingyAppContract() {
            super("sample-clingy", SampleApps.ClingyApp::new);
        }
    }

    static final class ChattyAppContract extends SampleContract {
        ChattyAppContract() {
            super("sample-chatty", SampleApps.ChattyApp::new);
        }
    }

    static final class ForgetfulAppContract extends SampleContract {
        ForgetfulAppContract() {
            super("sample-forgetful", SampleApps.ForgetfulApp::new);
        }
    }
}
