package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.MessageEvent;
import dev.baton.server.WebhookAnswer;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestingDeploymentTest {

    /** Answers "hi" once per conversation, then nudges after an hour of silence. */
    static final class ShopApp implements ConversationApp {
        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            if (conversation.state().get("greeted").isEmpty()) {
                conversation.state().put("greeted", "yes");
                conversation.reply("Hello! We open at 9.");
            }
            conversation.schedule("nudge", conversation.now().plus(Duration.ofHours(1)));
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            conversation.reply("Still there?");
        }
    }

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    @Test
    void deliversEventsAndMovesTheClockForTimers() {
        try (TestingDeployment deployment = TestingDeployment.builder().startingAt(Instant.parse("2026-05-01T10:00:00Z"))
                .app(SHOP, new ShopApp()).build()) {
            deployment.deliver("shop", TestEvents.message("100", "alice", "m1", "hi", 1_000),
                    TestEvents.message("100", "alice", "m2", "open today?", 2_000));
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("Hello! We open at 9.");
            deployment.advance(Duration.ofMinutes(59));
            assertThat(deployment.outbound("shop").sentTexts()).hasSize(1);
            deployment.advance(Duration.ofMinutes(1));
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("Hello! We open at 9.", "Still there?");
        }
    }

    @Test
    void postGoesThroughTheSignedJsonPath() {
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, new ShopApp()).build()) {
            WebhookAnswer result = deployment.post("shop",
                    TestEvents.batch(TestEvents.message("100", "bob", "m1", "hej äöå", 1_000)));
            assertThat(result.status()).isEqualTo(200);
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("Hello! We open at 9.");
            assertThat(deployment.post("shop", TestEvents.batch(TestEvents.message("100", "bob", "m1", "hej", 1_000)))
                    .status()).isEqualTo(200); // a retry: accepted, dropped as a duplicate
            assertThat(deployment.outbound("shop").sentTexts()).hasSize(1);
            byte[] unsigned = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(deployment.ingest().receive("shop", null, unsigned).status()).isEqualTo(401);
            assertThat(deployment.ingest().verifySubscription("shop", "subscribe",
                    TestingDeployment.verifyToken("shop"), "7").message()).isEqualTo("7");
        }
    }

    @Test
    void refusesUnknownAppsAndEmptySetups() {
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, new ShopApp()).build()) {
            assertThatThrownBy(() -> deployment.outbound("nope")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TestingDeployment.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mutableClockMovesOnlyWhenTold() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
        assertThat(clock.advance(Duration.ofSeconds(5))).isEqualTo(Instant.ofEpochSecond(5));
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Helsinki")).instant()).isEqualTo(Instant.ofEpochSecond(5));
        clock.set(Instant.ofEpochSecond(100));
        assertThat(clock.millis()).isEqualTo(100_000);
    }
}
