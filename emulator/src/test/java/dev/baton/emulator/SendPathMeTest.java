package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PAGE;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.ConversationKey;
import dev.baton.event.EchoEvent;
import dev.baton.event.Platform;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.GraphOutboundFactory;
import dev.baton.config.GraphSettings;
import dev.baton.graph.GraphTuning;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.store.memory.InMemoryConversationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Core's client posting to {@code /{page-id}/messages} or {@code /me/messages}: the emulator takes both. */
class SendPathMeTest {

    private PageFixture page;

    @BeforeEach
    void marketingOwns() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.newEvents(MARKETING);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @ParameterizedTest(name = "sendPath {0}")
    @ValueSource(strings = {"page", "me"})
    void theOwnersSendReachesThePersonAndEchoesToTheApp(String sendPath) throws Exception {
        GraphSettings settings = new GraphSettings(page.emulator.baseUrl(), "v24.0", "handover-protocol",
                Duration.ofSeconds(5), Duration.ofSeconds(10), 300, 10, 100, 0, "warn", sendPath);
        GraphOutboundFactory factory = new GraphOutboundFactory(settings, GraphTuning.DEFAULTS, PAGE,
                Platform.MESSENGER, Map.of(MARKETING, new GraphCredentials(MARKETING, PageFixture.token(MARKETING),
                        PageFixture.secret(MARKETING))), DEFAULT_APP, new InMemoryConversationStore(),
                page.emulator.clock(), new SimpleMeterRegistry());

        SendResponse sent = factory.client(MARKETING).send(new ConversationKey(PAGE, PSID),
                SendRequest.text("via " + sendPath));

        assertThat(sent.recipientId()).isEqualTo(PSID);
        assertThat(sent.messageId()).isNotBlank();
        assertThat(page.conversation().path("transcript")).extracting(line -> line.path("text").asText())
                .contains("via " + sendPath);
        assertThat(page.awaitNewEvents(MARKETING, 1)).anySatisfy(event -> assertThat(event).isInstanceOf(EchoEvent.class));
    }
}
