package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
import dev.baton.event.PostbackEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.testing.TestingDeployment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default app on the real dispatcher: duplicates, standby and the 24-hour window as Meta delivers them. */
class DefaultAppLaneTest {

    static final String PAGE = "100";
    static final String USER = "bob";
    static final ConversationKey KEY = new ConversationKey(PAGE, USER);
    TestingDeployment deployment;

    @BeforeEach
    void start() {
        DefaultApp app = new DefaultApp(SettingsFixtures.example(), List.of(), new PeerApps("300", Set.of()),
                new SimpleMeterRegistry(), "default");
        deployment = TestingDeployment.builder().app(new HostedApp("default", "200", AppRole.DEFAULT), app).build();
        owner("200");
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    void owner(String appId) {
        outbound().setOwner(KEY, new ThreadOwnership(appId, null, null, ThreadOwnership.Source.HANDOVER_EVENT));
    }

    RecordingOutbound outbound() {
        return deployment.outbound("default");
    }

    long now() {
        return deployment.clock().instant().toEpochMilli();
    }

    @Test
    void aRetriedGetStartedIsAnsweredOnce() {
        PostbackEvent getStarted = new PostbackEvent(TestEvents.fromPerson(PAGE, USER, now(), Channel.MESSAGING),
                "pb1", "Get Started", "GET_STARTED", null);
        deployment.deliver("default", getStarted);
        deployment.deliver("default", getStarted);

        assertThat(outbound().sentTexts()).containsExactly("Hi! I'm the Acme assistant. What can I do for you?");
    }

    @Test
    void aRetriedHandoverIsAnsweredOnceAndUsesWhatStandbySaw() {
        owner("111");
        deployment.deliver("default", TestEvents.standbyMessage(PAGE, USER, "m1", "agent", now()));
        assertThat(outbound().sends()).isEmpty();

        owner("200");
        var pass = TestEvents.passedTo(PAGE, USER, "111", "200", "{\"why\":\"keyword\"}", now() + 5);
        deployment.deliver("default", pass);
        deployment.deliver("default", pass);

        assertThat(outbound().passes()).hasSize(1);
        assertThat(outbound().passes().get(0).targetAppId()).isEqualTo("300");
        assertThat(outbound().passes().get(0).metadata()).contains("\"text\":\"agent\"");
    }

    @Test
    void aMessageTheNextDayIsWelcomedBack() {
        deployment.deliver("default", TestEvents.message(PAGE, USER, "m1", "hello", now()));
        deployment.advance(Duration.ofHours(25));
        deployment.deliver("default", TestEvents.message(PAGE, USER, "m2", "me again", now()));

        assertThat(outbound().sentTexts()).containsExactly("Hi! I'm the Acme assistant. What can I do for you?",
                "Welcome back! Anything new I can help with?");
    }
}
