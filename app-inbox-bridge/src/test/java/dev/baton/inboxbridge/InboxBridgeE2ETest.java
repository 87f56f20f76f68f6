package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.emulator.TranscriptLine;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.spi.AppRole;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    final HttpClient http = HttpClient.newHttpClient();

    PageFixture page(String bridgeSettings, boolean canTakeControl) {
        page = PageFixture.builder()
                .app(FixtureApp.of("default", "default", "222222", AppRole.DEFAULT).withSettingsYaml(DEFAULT_SETTINGS))
                .app(FixtureApp.of("inbox-bridge", "inbox-bridge", "333333", AppRole.INBOX)
                        .withSettingsYaml(bridgeSettings).withCanTakeControl(canTakeControl))
                .start();
        return page;
    }

    String startHelpdesk() {
        try {
            return startHelpdeskServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String startHelpdeskServer() throws IOException {
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
        return helpdeskSettings(webhookUrl, true);
    }

    String helpdeskSettings(String webhookUrl, boolean reclaim) {
        return """
                mode: helpdesk
                handoffText: "You're in the queue for a person."
                helpdesk:
                  webhookUrl: "%s"
                  signingSecret: "%s"
                  handBackAfter: 7d
                  reclaimFromHostedDefault: %s
                """.formatted(webhookUrl, SECRET, reclaim);
    }

    double counter(String name, String... tags) {
        return page.registry().get(name).tags(tags).counter().count();
    }

    /** Webhooks the emulator delivered to {@code appName} that carry {@code text}. */
    List<String> deliveredTo(String appName, String text) {
        return page.deliveries(appName).stream().map(delivery -> delivery.body()).filter(body -> body.contains(text))
                .toList();
    }

    List<JsonNode> events(String type) {
        return helpdeskEvents.stream().filter(event -> type.equals(event.get("type").asText())).toList();
    }

    /** What the bridge's endpoint answered the helpdesk. */
    record Answer(int status, String body) {}

    Answer agent(String body) {
        return agent(body, signature.sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The helpdesk POSTs to the bridge's own endpoint on the deployment's server (Jetty, /apps/inbox-bridge/). */
    Answer agent(String body, String signatureHeader) {
        HttpRequest request = HttpRequest.newBuilder(page.appEndpointUri("inbox-bridge").resolve("helpdesk"))
                .header("Content-Type", "application/json").header(HelpdeskSignature.HEADER, signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            page.awaitQuiet();
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer reply(String ticket, String id, String text) {
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

        // A day later Meta has given the thread to the default app silently, and routes the person's next
        // message there; the escalation is still open, so the default app passes straight back (no "welcome
        // back") and the bridge passes on to the Inbox, same episode, nothing said.
        page.advanceClock(Duration.ofHours(25));
        person.text("hello again");
        page.awaitQuiet();

        assertThat(person.owner()).isEqualTo(INBOX);
        assertThat(person.textsFrom("default")).as("no bot greeting during the hand-off").hasSize(2);
        assertThat(person.textsFrom("inbox-bridge")).hasSize(1);
        assertThat(deliveredTo("inbox-bridge", "pass_thread_control")).last()
                .satisfies(body -> assertThat(body).contains("returning").contains("hello again"));
        assertThat(counter("baton.inbox_bridge.returns")).isEqualTo(1.0);
        assertThat(counter("baton.inbox_bridge.handoffs", "how", "bridge")).isEqualTo(1.0);
        assertThat(page.registry().find("baton.inbox_bridge.handbacks").counters()).isEmpty();

        // The agent marks it Done: the default app is back and answers as usual.
        person.inboxDone();
        person.text("one more thing");
        page.awaitQuiet();
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(person.textsFrom("default")).last()
                .isEqualTo("Sorry, I didn't get that. Type 'agent' to talk to a person.");
        assertThat(page.handlerFailures("inbox-bridge") + page.handlerFailures("default")).isZero();
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
    void helpdeskModeMirrorsTheConversationAndGivesItBackWhenResolved() {
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

        Answer sent = reply(ticket, "r1", "Hi, Ann here. It ships today.");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Hi, Ann here. It ships today.");

        Answer resolved = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}");
        page.awaitQuiet();
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(person.isOwnedBy("default")).isTrue();
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back to the bot. Anything else?");
        assertThat(signaturesValid).isNotEmpty().containsOnly(true);

        Answer forged = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}",
                "sha256=" + "0".repeat(64));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void agentRepliesAcrossTheWindowsPlainThenHumanAgentAfterTakingTheThreadBackFromTheHostedDefaultApp() {
        page(helpdeskSettings(startHelpdesk()), false);
        FixturePerson person = page.person("8003");
        String ticket = escalate(person);
        String bridge = page.appId("inbox-bridge");

        page.advanceClock(Duration.ofHours(3));
        Answer plain = reply(ticket, "r1", "Hi, Ann here. Looking into it.");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.body()).doesNotContain("HUMAN_AGENT");

        // 30 hours after the person's last message Meta has given the thread back to the default app, silently.
        page.advanceClock(Duration.ofHours(27));
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        Answer tagged = reply(ticket, "r2", "Sorry for the wait, here is your refund.");

        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.body()).contains("sent with the HUMAN_AGENT tag");
        assertThat(person.owner()).isEqualTo(bridge);
        assertThat(person.textsFrom("inbox-bridge")).containsExactly("You're in the queue for a person.",
                "Hi, Ann here. Looking into it.", "Sorry for the wait, here is your refund.");
        // The default app passed with its own token, saying why; Meta told the bridge; the default app was
        // told nothing and said nothing (the emulator refuses untagged sends after 24 hours, so the tag was used).
        assertThat(page.graphCalls().calls(page.appId("default"))).filteredOn(call -> call.path()
                .endsWith("pass_thread_control")).as("the escalation, then the reclaim").hasSize(2)
                .allSatisfy(call -> assertThat(call.succeeded()).isTrue());
        assertThat(deliveredTo("inbox-bridge", "pass_thread_control")).last().satisfies(body -> assertThat(body)
                .contains("reclaim").contains("human_agent_reply").contains(ticket));
        assertThat(deliveredTo("default", "pass_thread_control")).isEmpty();
        assertThat(person.textsFrom("default")).hasSize(2);
        assertThat(events("ticket.opened")).as("the reclaim is not a new ticket").hasSize(1);
        assertThat(page.graphCalls().refusedAsNotOwner(bridge)).isEmpty();

        // The person answers after more than a day of silence: Meta routes that to the default app (entry
        // routing), which sees its escalation still open and passes straight back with no reply; the agent sees
        // the message on the ticket once, and the next reply (within 24 hours of it: untagged) needs no reclaim.
        page.advanceClock(Duration.ofHours(1));
        person.text("Thanks! When will I see it?");
        page.awaitQuiet();
        assertThat(person.owner()).isEqualTo(bridge);
        assertThat(person.textsFrom("default")).hasSize(2);
        assertThat(events("message")).extracting(event -> event.get("text").asText())
                .containsOnlyOnce("Thanks! When will I see it?");
        Answer followUp = reply(ticket, "r3", "Within 3 working days.");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        assertThat(followUp.body()).doesNotContain("HUMAN_AGENT");
        assertThat(person.owner()).isEqualTo(bridge);
        person.text("Perfect, thanks");
        page.awaitQuiet();
        assertThat(person.textsFrom("default")).as("the bot is silent while the human has it").hasSize(2);
        assertThat(events("message")).extracting(event -> event.get("text").asText()).contains("Perfect, thanks");

        page.advanceClock(Duration.ofHours(1));
        Answer resolved = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\",\"note\":\"refunded\"}");

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(deliveredTo("default", "pass_thread_control")).singleElement().satisfies(body -> assertThat(body)
                .contains("human-done").contains("resolved").contains(ticket));
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back to the bot. Anything else?");
        assertThat(counter("baton.inbox_bridge.replies", "outcome", "sent")).isEqualTo(2.0);
        assertThat(counter("baton.inbox_bridge.replies", "outcome", "sent_human_agent_tag")).isEqualTo(1.0);
        assertThat(counter("baton.inbox_bridge.reclaims")).isEqualTo(1.0);
        assertThat(counter("baton.inbox_bridge.returns")).isEqualTo(1.0);
        assertThat(counter("baton.runtime.hosted_handovers", "app", "inbox-bridge", "outcome", "reclaimed"))
                .isEqualTo(1.0);
        assertThat(counter("baton.inbox_bridge.handbacks", "via", "resolved")).isEqualTo(1.0);
        assertThat(events("ticket.opened")).hasSize(1);
        assertThat(page.handlerFailures("inbox-bridge") + page.handlerFailures("default")).isZero();
    }

    @Test
    void aPersonWritingAfterThirtyQuietHoursGoesBackToTheSameTicketWithNoBotText() {
        page(helpdeskSettings(startHelpdesk()), false);
        FixturePerson person = page.person("8007");
        String ticket = escalate(person);
        String bridge = page.appId("inbox-bridge");
        List<String> defaultSaid = person.textsFrom("default");

        page.advanceClock(Duration.ofHours(30));
        assertThat(person.owner()).as("Meta's silent lapse").isEqualTo(page.appId("default"));
        person.text("Hello? Is anyone looking at my refund?");
        page.awaitQuiet();

        assertThat(person.textsFrom("default")).as("no bot text in the transcript").isEqualTo(defaultSaid);
        assertThat(person.textsFrom("inbox-bridge")).as("no second handoff line")
                .containsExactly("You're in the queue for a person.");
        assertThat(person.owner()).isEqualTo(bridge);
        assertThat(events("ticket.opened")).as("the same ticket goes on").hasSize(1);
        assertThat(events("message")).filteredOn(event -> event.get("text").asText().startsWith("Hello?"))
                .singleElement().satisfies(event -> assertThat(event.get("ticket").asText()).isEqualTo(ticket));
        assertThat(deliveredTo("inbox-bridge", "pass_thread_control")).last().satisfies(body -> assertThat(body)
                .contains("returning").contains("\\\"to\\\":\\\"human\\\""));

        Answer sent = reply(ticket, "r1", "Yes! It was approved this morning.");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).doesNotContain("HUMAN_AGENT");
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Yes! It was approved this morning.");
        assertThat(counter("baton.default.returned_to_humans", "reason", "keyword")).isEqualTo(1.0);
        assertThat(page.registry().find("baton.inbox_bridge.reclaims").counters()).isEmpty();

        Answer resolved = agent("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(person.textsFrom("default")).last().isEqualTo("Welcome back to the bot. Anything else?");

        page.advanceClock(Duration.ofHours(30));
        person.text("hello again");
        page.awaitQuiet();
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(person.textsFrom("default")).as("the escalation is closed: the bot answers as usual").last()
                .isEqualTo("Welcome back! How can we help?");
        assertThat(events("ticket.opened")).hasSize(1);
        assertThat(page.handlerFailures("inbox-bridge") + page.handlerFailures("default")).isZero();
    }

    @Test
    void aReplyAtSixDaysGoesOutTaggedAndAtEightDaysTheAgentIsToldItCannotBeDelivered() {
        page(helpdeskSettings(startHelpdesk()), false);
        FixturePerson person = page.person("8005");
        String ticket = escalate(person);

        page.advanceClock(Duration.ofDays(6));
        Answer sixDays = reply(ticket, "r1", "Back from the warehouse: it ships Monday.");
        assertThat(sixDays.status()).as(sixDays.body()).isEqualTo(200);
        assertThat(sixDays.body()).contains("HUMAN_AGENT");
        assertThat(person.owner()).isEqualTo(page.appId("inbox-bridge"));
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Back from the warehouse: it ships Monday.");

        page.advanceClock(Duration.ofDays(2));
        int linesBefore = person.transcript().size();
        Answer eightDays = reply(ticket, "r2", "Did it arrive?");

        assertThat(eightDays.status()).as(eightDays.body()).isEqualTo(422);
        assertThat(eightDays.body()).contains("undeliverable").contains("7-day");
        assertThat(events("reply.undeliverable")).singleElement().satisfies(event -> {
            assertThat(event.get("ticket").asText()).isEqualTo(ticket);
            assertThat(event.get("reply_id").asText()).isEqualTo("r2");
        });
        assertThat(person.transcript()).as("nothing sent").hasSize(linesBefore);
        assertThat(events("ticket.closed")).as("the ticket stays open for the agent to resolve").isEmpty();
        assertThat(counter("baton.inbox_bridge.reclaims")).isEqualTo(1.0);
        assertThat(signaturesValid).isNotEmpty().containsOnly(true);
    }

    @Test
    void withTheReclaimSwitchedOffALapsedThreadClosesTheTicket() {
        page(helpdeskSettings(startHelpdesk(), false), false);
        FixturePerson person = page.person("8006");
        String ticket = escalate(person);

        page.advanceClock(Duration.ofHours(20));
        person.text("still waiting...");
        page.advanceClock(Duration.ofHours(20));
        Answer inWindow = reply(ticket, "r1", "Sorry for the wait, here is your refund.");
        assertThat(inWindow.status()).as(inWindow.body()).isEqualTo(200);
        assertThat(person.textsFrom("inbox-bridge")).last().isEqualTo("Sorry for the wait, here is your refund.");

        page.advanceClock(Duration.ofHours(10));
        Answer lapsed = reply(ticket, "r2", "Anything else?");

        assertThat(lapsed.status()).as(lapsed.body()).isEqualTo(409);
        assertThat(person.textsFrom("inbox-bridge")).doesNotContain("Anything else?");
        assertThat(events("ticket.closed")).singleElement().satisfies(event -> assertThat(event.get("reason").asText())
                .startsWith("control lapsed").contains("switched off"));
        assertThat(person.owner()).isEqualTo(page.appId("default"));
        assertThat(reply(ticket, "r3", "Hello?").status()).isEqualTo(409);
        assertThat(page.registry().find("baton.runtime.hosted_handovers").counters()).isEmpty();
    }

    @Test
    void agentRepliesGoOutAsAPersonaNamedForTheAgentMadeOncePerName() {
        page(helpdeskSettings(startHelpdesk()) + "  agentPersonaPictureUrl: \"https://example.test/agents.png\"\n", false);
        FixturePerson person = page.person("8007");
        String ticket = escalate(person);

        assertThat(reply(ticket, "r1", "Hi, Ann here.").status()).isEqualTo(200);
        assertThat(reply(ticket, "r2", "It ships today.").status()).isEqualTo(200);
        assertThat(agent("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"r3\","
                + "\"agent\":\"Bo\",\"text\":\"Bo taking over.\"}").status()).isEqualTo(200);
        assertThat(agent("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"r4\","
                + "\"text\":\"No name given.\"}").status()).isEqualTo(200);

        List<TranscriptLine> lines = person.transcript().stream()
                .filter(line -> line.direction() == TranscriptLine.Direction.OUTBOUND).toList();
        TranscriptLine ann1 = lineWith(lines, "Hi, Ann here.");
        TranscriptLine ann2 = lineWith(lines, "It ships today.");
        TranscriptLine bo = lineWith(lines, "Bo taking over.");
        assertThat(ann1.persona()).isNotNull();
        assertThat(ann1.persona().name()).isEqualTo("Ann");
        assertThat(ann1.persona().profilePictureUrl()).isEqualTo("https://example.test/agents.png");
        assertThat(ann2.persona().id()).as("one persona per agent name").isEqualTo(ann1.persona().id());
        assertThat(bo.persona().name()).isEqualTo("Bo");
        assertThat(bo.persona().id()).isNotEqualTo(ann1.persona().id());
        assertThat(lineWith(lines, "No name given.").persona()).isNull();
        assertThat(lineWith(lines, "You're in the queue for a person.").persona()).isNull();
        assertThat(counter("baton.inbox_bridge.personas", "outcome", "used")).isEqualTo(3.0);
    }

    @Test
    void withPersonasSwitchedOffAgentRepliesGoOutAsThePage() {
        page(helpdeskSettings(startHelpdesk()) + "  agentPersonas: false\n"
                + "  agentPersonaPictureUrl: \"https://example.test/agents.png\"\n", false);
        FixturePerson person = page.person("8008");
        String ticket = escalate(person);

        assertThat(reply(ticket, "r1", "Hi, Ann here.").status()).isEqualTo(200);

        assertThat(lineWith(person.transcript(), "Hi, Ann here.").persona()).isNull();
        assertThat(page.registry().find("baton.inbox_bridge.personas").counters()).isEmpty();
    }

    private static TranscriptLine lineWith(List<TranscriptLine> lines, String text) {
        return lines.stream().filter(line -> text.equals(line.text())).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + text + " in " + lines));
    }
}
