package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.emulator.testing.EmulatorExtension;
import dev.baton.emulator.testing.WebhookReceiver;
import dev.baton.event.Channel;
import dev.baton.event.HandoverEvent;
import dev.baton.event.ReferralEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded Java API, through the JUnit extension: registration, person actions, state reads and the clock. */
class JavaApiTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private WebhookReceiver defaultApp;
    private WebhookReceiver marketing;

    @BeforeEach
    void receivers() {
        defaultApp = WebhookReceiver.start("s-default", "v-default");
        marketing = WebhookReceiver.start("s-marketing", "v-marketing");
    }

    @AfterEach
    void close() {
        defaultApp.close();
        marketing.close();
    }

    private PageRegistration page(String pageId) {
        return PageRegistration.messenger(pageId, "21", List.of(
                AppRegistration.of("21", "Default", "s-default", "tok-21-" + pageId, defaultApp.url(), "v-default"),
                AppRegistration.of("31", "Marketing", "s-marketing", "tok-31-" + pageId, marketing.url(), "v-marketing")));
    }

    @Test
    void personActionsReturnTheWebhooksTheyCausedWithTheirFirstPost(Emulator emulator) {
        emulator.registerPage(page("501"));

        ActionResult result = emulator.person("501", "77").adClick(AdClick.of("ad-5", "31").withRef("r"));

        assertThat(result.eventsFor("31")).hasSize(2);
        assertThat(result.eventsFor("31").get(0)).isInstanceOf(HandoverEvent.PassThreadControl.class);
        assertThat(result.eventsFor("21", Channel.STANDBY)).singleElement().isInstanceOf(ReferralEvent.class);
        assertThat(result.webhooks()).allSatisfy(webhook -> assertThat(webhook.firstAttempt().succeeded()).isTrue());
        ConversationView view = emulator.conversation("501", "77").orElseThrow();
        assertThat(view.ownerAppId()).isEqualTo("31");
        assertThat(view.transcript()).singleElement().satisfies(line -> {
            assertThat(line.direction()).isEqualTo(TranscriptLine.Direction.INBOUND);
            assertThat(line.kind()).isEqualTo("ad_click");
        });
        assertThat(emulator.deliveries("31")).hasSize(2);
    }

    @Test
    void theClockMovesOnlyForwardAndDrivesExpiry(Emulator emulator) {
        emulator.registerPage(page("502"));
        emulator.person("502", "78").adClick(AdClick.of("ad-5", "31"));
        Instant expiry = emulator.conversation("502", "78").orElseThrow().controlExpiresAt();
        Instant before = emulator.clock().instant();

        emulator.advanceClock(Duration.ofHours(24));

        assertThat(Duration.between(before, emulator.clock().instant())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(emulator.clock().instant()).isAfterOrEqualTo(expiry);
        assertThat(emulator.conversation("502", "78").orElseThrow().ownerAppId()).isEqualTo("21");
        assertThatThrownBy(() -> emulator.advanceClock(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badInputIsRefusedAndChangesNothing(Emulator emulator) {
        assertThatThrownBy(() -> emulator.person("999", "1").text("hi")).isInstanceOf(EmulatorException.class)
                .hasMessageContaining("999");
        emulator.registerPage(page("503"));
        assertThatThrownBy(() -> emulator.person("503", "bad psid!").text("hi"))
                .isInstanceOf(EmulatorException.class);
        assertThatThrownBy(() -> emulator.person("503", "1").read()).isInstanceOf(EmulatorException.class);
        assertThat(emulator.conversation("503", "1")).isEmpty();
        assertThat(AppRegistration.of("1", "n", "secret-value", "token-value", defaultApp.url(), "verify-value")
                .toString()).doesNotContain("secret-value").doesNotContain("token-value").doesNotContain("verify-value");
    }
}
