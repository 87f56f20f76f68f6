package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.runtime.AppContext;
import dev.baton.runtime.AppPlugin;
import dev.baton.spi.AppEndpoint;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.AppRole;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox bridge end to end with the default app: the emulator plays Meta (and the Page Inbox's agents),
 * the real deployment runs behind the real Jetty transport, and in helpdesk mode a loopback HTTP server
 * plays the helpdesk, signing its replies and checking the bridge's signatures.
 */
class InboxBridgeE2ETest {

    static final String INBOX = "263902037430900";
    static final String SECRET = "e2e-helpdesk-signing-secret";
    static final String DEFAULT_SETTINGS = """
            afterHuman: { text: "Welcome back to the bot. Anything else?" }
            escalation: { text: "Let me get a colleague." }
            """;

    final HelpdeskSignature signature = new HelpdeskSignature(SECRET);
    final ObjectMapper json = new ObjectMapper();
    final List<JsonNode> helpdeskEvents = new CopyOnWriteArrayList<>();
    final List<Boolean> signaturesValid = new CopyOnWriteArrayList<>();
    PageFixture page;
    HttpServer helpdesk;

    @AfterEach
    void stop() {
        if (page != null) {
            page.close();
        }
        if (helpdesk != null) {
            helpdesk.stop(0);
        }
    }

    /**
     * The real plugin, keeping hold of the app it made and of its lane trigger: the fixture's server does not
     * mount {@code /apps/{name}/} (its HostedDeployment adapter has no appEndpoint), so the helpdesk's calls
     * are handed to the bridge's AppEndpoint here, with the same signed bytes, on the real deployment's lanes.
     */
    final class CapturingPlugin implements AppPlugin {
        private final InboxBridgePlugin delegate = new InboxBridgePlugin();
        volatile AppEndpoint endpoint;
        volatile ConversationTrigger trigger;

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Module module(AppContext context) {
            Module module = delegate.module(context);
            endpoint = (AppEndpoint) Guice.createInjector(module).getInstance(ConversationApp.class);
            trigger = context.trigger();
            return module;
        }
    }

    final CapturingPlugin bridgePlugin = new CapturingPlugin();

    PageFixture page(String bridgeSettings, boolean canTakeControl) {
        page = PageFixture.builder().plugin(bridgePlugin)
                .app(FixtureApp.of("default", "default", "222222", AppRole.DEFAULT).withSettingsYaml(DEFAULT_SETTINGS))
                .app(FixtureApp.of("inbox-bridge", "inbox-bridge", "333333", AppRole.INBOX)
                        .withSettingsYaml(bridgeSettings).withCanTakeControl(canTakeControl))
                .start();
        return page;
    }

    String startHelpdesk() throws IOException {
        helpdesk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        helpdesk.createContext("/hooks/baton", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            signaturesValid.add(signature.verify(body, exchange.getRequestHeaders().getFirst(HelpdeskSignature.HEADER)));
            helpdeskEvents.add(json.readTree(body));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        helpdesk.start();
        return "http://127.0.0.1:" + helpdesk.getAddress().getPort() + "/hooks/baton";
    }

    String helpdeskSettings(String webhookUrl) {
        return """
                mode: helpdesk
                handoffText: "You're in the queue for a person."
                helpdesk:
                  webhookUrl: "%s"
                  signingSecret: "%s"
                  handBackAfter: 7d
                """.formatted(webhookUrl, SECRET);
    }

    List<JsonNode> events(String type) {
        return helpdeskEvents.stream().filter(event -> type.equals(event.get("type").asText())).toList();
    }

    AppEndpointResponse agent(String body) {
        return agent(body, signature.sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    AppEndpointResponse agent(String body, String signatureHeader) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        AppEndpointResponse response = bridgePlugin.endpoint.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of("Content-Type", List.of("application/json"), HelpdeskSignature.HEADER, List.of(signatureHeader)),
                bytes), bridgePlugin.trigger);
        page.awaitQuiet();
        return response;
    }

    AppEndpointResponse reply(String ticket, String id, String text) throws IOException {
        return agent("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"" + id + "\",\"agent\":\"Ann\","
                + "\"text\":\"" + text + "\"}");
    }

    String escalate(FixturePerson person) {
        person.text("hi");
        person.text("agent please");
        page.awaitQuiet();
        return events("ticket.opened").isEmpty() ? null : events("ticket.opened").get(0).get("ticket").asText();
    }

    @Test
    void metaInboxModeHandsToTheInboxWatchesTheAgentAndStaysSilent() {
        page("{ handoffText: \"A colleague from our team will answer here.\" }", false);
        FixturePerson person = page.person("8001");
        escalate(person);

        assertThat(person.owner()).isEqualTo(INBOX);
        assertThat(person.textsFrom("default")).containsExactly("Hi! How can we help? Type 'agent' at any time to "
                + "talk to a person.", "Let me get a colleague.");
        assertThat(person.textsFrom("inbox-bridge")).containsExactly("A colleague from our team will answer here.");

        page.advanceClock(Duration.ofMinutes(2));
        person.inboxReply("Hi, Ann here. How can I help?");
        person.text("My parcel is late");
        page.awaitQuiet();

        assertThat(page.registry().get("baton.inbox_bridge.time_to_first_reply").timer().totalTime(TimeUnit.SECONDS))
                .isBetween(120.0, 150.0); // the emulator's clock also runs
        assertThat(person.textsFrom("default")).as("the bot is silent while a human owns the thread").hasSize(2);
        assertThat(person.textsFrom("inbox-bridge")).hasSize(1);

        page.advanceClock(Duration.ofHours(25));
        person.text("hello again");
        page.awaitQuiet();

        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back! How can we help?");
        assertThat(page.registry().get("baton.inbox_bridge.handbacks").tag("via", "elsewhere").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void metaInboxModeAgentMarkingDoneGivesTheConversationBackToTheDefaultApp() {
        page("{ handoffText: \"A colleague from our team will answer here.\" }", false);
        FixturePerson person = page.person("8004");
        escalate(person);
        assertThat(person.owner()).isEqualTo(INBOX);

        page.advanceClock(Duration.ofMinutes(5));
        person.inboxReply("Hi, Ann here. Your parcel left this morning.");
        person.text("Great, thanks!");
        page.awaitQuiet();
        assertThat(person.textsFrom("default")).as("bots silent while the Inbox has it").hasSize(2);
        assertThat(person.textsFrom("inbox-bridge")).hasSize(1);

        person.inboxDone();
        page.awaitQuiet();

        // Meta gives the thread to the default app with pass_thread_control from the Inbox; the default app
        // reads that handover as "back from the humans" and says so.
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(page.deliveries("default")).anySatisfy(delivery -> assertThat(delivery.body())
                .contains("\"pass_thread_control\"").contains("\"previous_owner_app_id\":\"" + INBOX + "\""));
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back to the bot. Anything else?");
        assertThat(page.registry().get("baton.default.entries").tag("entry_point", "returned_from_human").counter()
                .count()).isEqualTo(1.0);
        assertThat(page.registry().get("baton.inbox_bridge.handbacks").tag("via", "inbox-done").counter().count())
                .isEqualTo(1.0);

        person.text("What are your opening hours?");
        page.awaitQuiet();
        assertThat(person.textsFrom("default")).hasSize(4);
        assertThat(person.textsFrom("inbox-bridge")).as("the bridge never talks once the humans are done").hasSize(1);

        // The episode is over: asking for a person again starts a new one.
        person.text("agent please");
        page.awaitQuiet();
        assertThat(person.owner()).isEqualTo(INBOX);
        assertThat(page.registry().get("baton.inbox_bridge.handoffs").tag("how", "bridge").counter().count())
                .isEqualTo(2.0);
        assertThat(page.handlerFailures("inbox-bridge") + page.handlerFailures("default")).isZero();
    }

    @Test
    void helpdeskModeMirrorsTheConversationAndGivesItBackWhenResolved() throws IOException {
        page(helpdeskSettings(startHelpdesk()), false);
        FixturePerson person = page.person("8002");
        String ticket = escalate(person);

        assertThat(ticket).isNotNull();
        assertThat(person.isOwnedBy("inbox-bridge")).isTrue();
        assertThat(events("ticket.opened").get(0).get("summary").get("reason").asText()).isEqualTo("keyword");
        assertThat(person.textsFrom("inbox-bridge")).containsExactly("You're in the queue for a person.");

        person.text("My parcel is late");
        page.awaitQuiet();
        assertThat(events("message")).extracting(event -> event.get("text").asText()).contains("My parcel is late");

        AppEndpointResponse sent = reply(ticket, "r1", "Hi, Ann here. It ships today.");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Hi, Ann here. It ships today.");

        AppEndpointResponse resolved = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}");
        page.awaitQuiet();
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(person.isOwnedBy("default")).isTrue();
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back to the bot. Anything else?");
        assertThat(signaturesValid).isNotEmpty().containsOnly(true);

        AppEndpointResponse forged = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}",
                "sha256=" + "0".repeat(64));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void repliesFollowTheTwentyFourHourControlWindowAndALapsedThreadClosesTheTicket() throws IOException {
        page(helpdeskSettings(startHelpdesk()), false);
        FixturePerson person = page.person("8003");
        String ticket = escalate(person);

        page.advanceClock(Duration.ofHours(20));
        person.text("still waiting...");
        page.advanceClock(Duration.ofHours(20));
        AppEndpointResponse inWindow = reply(ticket, "r1", "Sorry for the wait, here is your refund.");
        assertThat(inWindow.status()).as(inWindow.bodyText()).isEqualTo(200);
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Sorry for the wait, here is your refund.");

        // 30 hours after the person's last message Meta has given the thread back to the default app, silently;
        // a HUMAN_AGENT reply may not take it back (the seed's rule), so the ticket is over.
        page.advanceClock(Duration.ofHours(10));
        AppEndpointResponse lapsed = reply(ticket, "r2", "Anything else?");

        assertThat(lapsed.status()).as(lapsed.bodyText()).isEqualTo(409);
        assertThat(person.textsFrom("inbox-bridge")).doesNotContain("Anything else?");
        assertThat(events("ticket.closed")).singleElement()
                .satisfies(event -> assertThat(event.get("reason").asText()).isEqualTo("control lapsed"));
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(reply(ticket, "r3", "Hello?").status()).isEqualTo(409);
    }
}
