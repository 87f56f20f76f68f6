package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PAGE;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Platform;
import dev.baton.event.WebhookEvent;
import dev.baton.graph.GraphClient;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.GraphOutboundFactory;
import dev.baton.config.GraphSettings;
import dev.baton.graph.GraphTuning;
import dev.baton.graph.HandoverProtocolThreadControl;
import dev.baton.graph.SendApiThreadControl;
import dev.baton.graph.error.GraphException;
import dev.baton.spi.ThreadControl;
import dev.baton.spi.ThreadOwnership;
import dev.baton.store.memory.InMemoryConversationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's Graph client against the emulator: each {@link ThreadControl} implementation passes, releases and
 * looks up owners, and the emulator's state and webhooks agree with what the client believes.
 */
class GraphClientAgainstEmulatorTest {

    private static final ConversationKey CONVERSATION = new ConversationKey(PAGE, PSID);

    private PageFixture page;

    @BeforeEach
    void marketingOwns() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);
        page.newEvents(AGENT);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    static Stream<Arguments> implementations() {
        Function<GraphOutboundFactory, Function<String, ThreadControl>> handover = factory -> app ->
                new HandoverProtocolThreadControl(factory.client(app), factory.client(DEFAULT_APP),
                        factory.ownershipTracker());
        Function<GraphOutboundFactory, Function<String, ThreadControl>> sendApi = factory -> app ->
                new SendApiThreadControl(factory.client(app), new HandoverProtocolThreadControl(factory.client(app),
                        factory.client(DEFAULT_APP), factory.ownershipTracker()), "Handing you over");
        return Stream.of(Arguments.of("handover-protocol", handover), Arguments.of("send-api", sendApi));
    }

    private GraphOutboundFactory factory(String mode) {
        GraphSettings defaults = GraphSettings.DEFAULTS;
        GraphSettings settings = new GraphSettings(page.emulator.baseUrl(), "v24.0", mode, Duration.ofSeconds(5),
                Duration.ofSeconds(10), defaults.textCallsPerSecond(), defaults.mediaCallsPerSecond(),
                defaults.maxWaitingCallers(), defaults.maxRetries(), "warn");
        Map<String, GraphCredentials> credentials = Map.of(
                DEFAULT_APP, new GraphCredentials(DEFAULT_APP, PageFixture.token(DEFAULT_APP), PageFixture.secret(DEFAULT_APP)),
                MARKETING, new GraphCredentials(MARKETING, PageFixture.token(MARKETING), PageFixture.secret(MARKETING)),
                AGENT, new GraphCredentials(AGENT, PageFixture.token(AGENT), PageFixture.secret(AGENT)));
        return new GraphOutboundFactory(settings, GraphTuning.DEFAULTS.withRetryDelays(Duration.ofMillis(10),
                Duration.ofMillis(50)), PAGE, Platform.MESSENGER, credentials, DEFAULT_APP,
                new InMemoryConversationStore(), page.emulator.clock(), new SimpleMeterRegistry());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void passesToANamedAppThenToTheDefaultAppAndReleases(String mode,
            Function<GraphOutboundFactory, Function<String, ThreadControl>> implementation) throws Exception {
        Function<String, ThreadControl> control = implementation.apply(factory(mode));

        control.apply(MARKETING).pass(CONVERSATION, AGENT, "wants a human");
        assertThat(page.owner()).isEqualTo(AGENT);
        List<WebhookEvent> agent = page.awaitNewEvents(AGENT, 1);
        assertThat(agent).filteredOn(HandoverEvent.PassThreadControl.class::isInstance).singleElement()
                .satisfies(event -> {
                    HandoverEvent.PassThreadControl pass = (HandoverEvent.PassThreadControl) event;
                    assertThat(pass.previousOwnerAppId()).isEqualTo(MARKETING);
                    assertThat(pass.newOwnerAppId()).isEqualTo(AGENT);
                });

        control.apply(AGENT).pass(CONVERSATION, null, null);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThat(page.awaitNewEvents(DEFAULT_APP, mode.equals("send-api") ? 3 : 1))
                .filteredOn(HandoverEvent.PassThreadControl.class::isInstance).last()
                .satisfies(event -> assertThat(((HandoverEvent.PassThreadControl) event).newOwnerAppId())
                        .isEqualTo(DEFAULT_APP));

        control.apply(DEFAULT_APP).pass(CONVERSATION, MARKETING, null);
        control.apply(MARKETING).release(CONVERSATION, "done");
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        if (mode.equals("send-api")) {
            assertThat(page.conversation().path("transcript")).extracting(line -> line.path("text").asText())
                    .contains("Handing you over");
            assertThat(page.awaitNewEvents(MARKETING, 1)).anySatisfy(event -> assertThat(event).isInstanceOf(EchoEvent.class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void looksUpTheOwnerFromTheEmulatorWhenItDoesNotKnow(String mode,
            Function<GraphOutboundFactory, Function<String, ThreadControl>> implementation) {
        Function<String, ThreadControl> control = implementation.apply(factory(mode));

        ThreadOwnership owner = control.apply(AGENT).owner(CONVERSATION);

        assertThat(owner.ownerAppId()).isEqualTo(MARKETING);
        assertThat(owner.expiresAt()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aPassByANonOwnerFailsWithMetasErrorAndChangesNothing(String mode,
            Function<GraphOutboundFactory, Function<String, ThreadControl>> implementation) {
        Function<String, ThreadControl> control = implementation.apply(factory(mode));

        assertThatThrownBy(() -> control.apply(DEFAULT_APP).pass(CONVERSATION, AGENT, null))
                .isInstanceOf(GraphException.class);
        assertThat(page.owner()).isEqualTo(MARKETING);
    }

    @org.junit.jupiter.api.Test
    void theClientReadsTheFeatureStatusAndTheLookupsFromTheEmulator() {
        GraphOutboundFactory factory = factory("auto");
        GraphClient client = factory.client(MARKETING);

        assertThat(client.messagingFeatureStatus().conversationRouting(Platform.MESSENGER)).isTrue();
        assertThat(factory.threadControlMode(client)).isEqualTo("send-api");
        assertThat(client.secondaryReceivers()).extracting(receiver -> receiver.id())
                .contains(PageFixture.INBOX, DEFAULT_APP, MARKETING, AGENT);
        assertThat(client.threadOwner(CONVERSATION)).hasValueSatisfying(
                answer -> assertThat(answer.appId()).isEqualTo(MARKETING));
    }

    @org.junit.jupiter.api.Test
    void aPersonaIsMadeOncePerNameAndFoundAgainByAFreshClient() {
        String first = factory("handover-protocol").client(MARKETING).persona("Ann", "https://example.test/ann.png");
        String again = factory("handover-protocol").client(MARKETING).persona("Ann", "https://example.test/ann.png");
        String other = factory("handover-protocol").client(MARKETING).persona("Bo", "https://example.test/bo.png");

        assertThat(again).as("a restarted client finds the persona by name").isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        HttpJson.Answer listed = page.graphGet(MARKETING, "me/personas");
        assertThat(listed.json().path("data")).extracting(persona -> persona.path("name").asText())
                .containsExactly("Ann", "Bo");

        factory("handover-protocol").client(MARKETING).send(CONVERSATION,
                dev.baton.send.SendRequest.builder().text("as Ann").personaId(first).build());
        com.fasterxml.jackson.databind.JsonNode transcript = page.conversation().path("transcript");
        assertThat(transcript.get(transcript.size() - 1).path("persona").path("name").asText()).isEqualTo("Ann");
    }
}
