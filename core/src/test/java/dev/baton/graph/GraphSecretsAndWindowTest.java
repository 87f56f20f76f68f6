package dev.baton.graph;

import static dev.baton.graph.GraphFixture.ALICE;
import static dev.baton.graph.GraphFixture.MARKETING_SECRET;
import static dev.baton.graph.GraphFixture.MARKETING_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.graph.FakeGraphServer.Answer;
import dev.baton.graph.error.AuthenticationException;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.error.OutsideMessagingWindowException;
import dev.baton.send.MessageTag;
import dev.baton.send.SendRequest;
import dev.baton.send.SenderAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GraphSecretsAndWindowTest {

    private FakeGraphServer server;
    private GraphFixture fixture;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger batonLogger;

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphServer();
        fixture = new GraphFixture(server);
        batonLogger = (Logger) LoggerFactory.getLogger("dev.baton");
        batonLogger.setLevel(Level.TRACE);
        logs.start();
        batonLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        batonLogger.detachAppender(logs);
        server.close();
    }

    @Test
    void theTokenAndSecretAppearInNoLogLineExceptionMessageOrToString() {
        List<String> texts = new ArrayList<>();
        fixture.marketing().send(ALICE, SendRequest.text("hello"));
        // Meta's message quoting the token must not carry it further.
        server.script("messages", Answer.error(401, 190, 0, "Invalid OAuth access token " + MARKETING_TOKEN));
        try {
            fixture.marketing().send(ALICE, SendRequest.text("x"));
        } catch (AuthenticationException e) {
            texts.add(e.getMessage());
            texts.add(e.error().toString());
        }
        server.script("me", Answer.error(500, 2, 0, "down"), Answer.error(500, 2, 0, "down"),
                Answer.error(500, 2, 0, "down"), Answer.error(500, 2, 0, "down"));
        GraphFixture auto = new GraphFixture(server, GraphFixture.settings("auto", 3, 1000, 10));
        auto.factory.forApp(new dev.baton.spi.HostedApp("m", GraphFixture.MARKETING, dev.baton.spi.AppRole.MARKETING))
                .release(ALICE, null); // feature status fails: logged, falls back to the endpoint
        fixture.store.putLastUserMessage(ALICE, fixture.clock.instant().minus(Duration.ofDays(2)));
        try {
            fixture.marketing().send(ALICE, SendRequest.text("late"));
        } catch (GraphException e) {
            texts.add(e.getMessage());
        }
        texts.add(new GraphCredentials(GraphFixture.MARKETING, MARKETING_TOKEN, MARKETING_SECRET).toString());
        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(MARKETING_TOKEN).doesNotContain(MARKETING_SECRET).doesNotContain(GraphFixture.DEFAULT_TOKEN));
        assertThat(fixture.registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().toString())
                .doesNotContain(MARKETING_TOKEN).doesNotContain(MARKETING_SECRET));
    }

    @Test
    void outsideThe24HourWindowIsRefusedLocallyWithHowLongAgo() {
        fixture.store.putLastUserMessage(ALICE, fixture.clock.instant().minus(Duration.ofHours(25)));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("late")))
                .isInstanceOf(OutsideMessagingWindowException.class)
                .hasMessageContaining("24-hour").hasMessageContaining("25h 0m ago")
                .satisfies(e -> assertThat(((OutsideMessagingWindowException) e).window())
                        .isEqualTo(OutsideMessagingWindowException.Window.STANDARD_24_HOURS));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.senderAction(SenderAction.TYPING_ON)))
                .isInstanceOf(OutsideMessagingWindowException.class);
        assertThat(server.received()).isEmpty();
        // A human agent may still answer within 7 days.
        fixture.marketing().send(ALICE, SendRequest.builder().text("agent").tag(MessageTag.HUMAN_AGENT).build());
        assertThat(server.received("messages")).hasSize(1);
        assertThat(fixture.count("baton.graph.window", "result", "refused")).isEqualTo(2);
    }

    @Test
    void afterSevenDaysEvenHumanAgentIsRefusedButUtilityAndUnknownGoAhead() {
        fixture.store.putLastUserMessage(ALICE, fixture.clock.instant().minus(Duration.ofDays(8)));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE,
                SendRequest.builder().text("agent").tag(MessageTag.HUMAN_AGENT).build()))
                .isInstanceOf(OutsideMessagingWindowException.class).hasMessageContaining("7-day")
                .hasMessageContaining("8d 0h ago");
        fixture.marketing().send(ALICE, SendRequest.raw("{\"messaging_type\":\"UTILITY\",\"message\":{\"text\":\"u\"}}"));
        fixture.marketing().send(new dev.baton.event.ConversationKey(GraphFixture.PAGE, "9999"), SendRequest.text("new"));
        assertThat(server.received("messages")).hasSize(2);
        assertThat(fixture.count("baton.graph.window", "result", "unknown")).isEqualTo(1);
    }

    @Test
    void warnPolicySendsAndCounts() throws Exception {
        GraphSettings base = GraphFixture.settings("handover-protocol", 0, 1000, 10);
        GraphFixture warn = new GraphFixture(server, new GraphSettings(base.baseUrl(), base.version(),
                base.threadControl(), base.connectTimeout(), base.requestTimeout(), 1000, 10, 10, 0, "warn"));
        warn.store.putLastUserMessage(ALICE, warn.clock.instant().minus(Duration.ofHours(30)));
        warn.marketing().send(ALICE, SendRequest.text("late anyway"));
        assertThat(server.received("messages")).hasSize(1);
        assertThat(warn.count("baton.graph.window", "result", "warned")).isEqualTo(1);
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("30h 0m ago"));
    }
}
