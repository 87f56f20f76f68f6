package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's "Webhooks Notifications" table, row by row: an action, then what the marketing app and the
 * default app receive, written as {@code channel:kind}. After the action the person sends a probe message;
 * since each app's webhooks arrive in order, whatever an app got before the probe is exactly what the action
 * caused.
 */
class WebhookTableTest {

    private static final Consumer<PageFixture> NOTHING = page -> { };
    private static final Consumer<PageFixture> AD_TAP = page ->
            page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));

    static Stream<Arguments> seedTable() {
        return Stream.of(
                row("A person taps a CTM ad", NOTHING, AD_TAP,
                        List.of("messaging:pass_thread_control", "messaging:referral"), List.of("standby:referral")),
                row("A person taps a CTM ad and sends a message", NOTHING,
                        page -> page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi")),
                        List.of("messaging:pass_thread_control", "messaging:message"), List.of("standby:message")),
                row("A person taps a CTM ad and taps the welcome template button", AD_TAP,
                        page -> page.act("postbacks", Map.of("payload", "WELCOME", "title", "Get a quote")),
                        List.of("messaging:postback"), List.of("standby:postback")),
                row("A person taps a CTM ad and taps a quick reply button", AD_TAP,
                        page -> page.act("messages", Map.of("text", "Yes", "quick_reply_payload", "YES")),
                        List.of("messaging:message"), List.of("standby:message")),
                row("The conversation becomes idle", AD_TAP,
                        page -> page.emulator.advanceClock(Duration.ofHours(24)),
                        List.of(), List.of()),
                row("The conversation requires further messaging to complete the conversation", AD_TAP,
                        page -> assertThat(page.graphPost(MARKETING, "me/pass_thread_control",
                                Map.of("recipient", Map.of("id", PSID), "metadata", "needs more")).status()).isEqualTo(200),
                        List.of(), List.of("messaging:pass_thread_control")),
                row("The conversation is complete and no further messaging is required", AD_TAP,
                        page -> assertThat(page.graphPost(MARKETING, "me/release_thread_control",
                                Map.of("recipient", Map.of("id", PSID))).status()).isEqualTo(200),
                        List.of(), List.of()));
    }

    private static Arguments row(String action, Consumer<PageFixture> before, Consumer<PageFixture> act,
                                 List<String> marketing, List<String> defaultApp) {
        return Arguments.of(action, before, act, marketing, defaultApp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedTable")
    void eachRowOfTheSeedTable(String action, Consumer<PageFixture> before, Consumer<PageFixture> act,
                               List<String> marketing, List<String> defaultApp) throws Exception {
        try (PageFixture page = PageFixture.withDefaultApp()) {
            before.accept(page);
            page.newEvents(MARKETING);
            page.newEvents(DEFAULT_APP);

            act.accept(page);
            page.act("messages", Map.of("text", "probe"));

            assertThat(eventsBeforeProbe(page, MARKETING)).as("marketing app after: " + action).isEqualTo(marketing);
            assertThat(eventsBeforeProbe(page, DEFAULT_APP)).as("default app after: " + action).isEqualTo(defaultApp);
        }
    }

    private static List<String> eventsBeforeProbe(PageFixture page, String app) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            for (WebhookEvent event : page.awaitNewEvents(app, 1)) {
                if (event instanceof MessageEvent message && "probe".equals(message.message().text())) {
                    return seen;
                }
                seen.add((event.channel() == Channel.STANDBY ? "standby:" : "messaging:") + event.kind());
            }
        }
    }
}
