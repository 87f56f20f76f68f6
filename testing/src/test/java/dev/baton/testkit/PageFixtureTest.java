package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.ConversationKey;
import dev.baton.event.ReferralEvent;
import dev.baton.spi.AppEndpoint;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationTrigger;
import dev.baton.testkit.samples.SampleApps;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture wires the whole path: emulator → Jetty → dispatcher → app → Graph client → emulator. */
class PageFixtureTest {

    /** Greets an ad's person; its HTTP endpoint says something to a person through the conversation's lane. */
    static final class CallbackApp implements ConversationApp, AppEndpoint {
        @Override
        public void onReferral(ReferralEvent event, Conversation conversation) {
            conversation.reply("Hi from the ad");
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            conversation.reply("Your callback: " + timerName);
        }

        @Override
        public AppEndpointResponse handle(AppEndpointRequest request, ConversationTrigger trigger) {
            String[] parts = new String(request.body(), StandardCharsets.UTF_8).split(",");
            trigger.fire(new ConversationKey(parts[0], parts[1]), parts[2]);
            return AppEndpointResponse.json(202, "{}");
        }
    }

    @RegisterExtension
    final PageFixtureExtension extension = PageFixtureExtension.of(() -> PageFixture.builder()
            .plugin(SampleApps.plugin("sample-callback", CallbackApp::new))
            .app(FixtureApp.of("callback", "sample-callback", "910000000000001", AppRole.MARKETING))
            .app(FixtureApp.of("default", BystanderPlugin.NAME, "910000000000002", AppRole.DEFAULT)));

    @Test
    void anAdTapReachesTheAppAndItsAnswerReachesThePerson(PageFixture page) {
        FixturePerson person = page.person("4001");

        person.tapAd("ad-9", "callback");

        assertThat(person.textsFrom("callback")).containsExactly("Hi from the ad");
        assertThat(person.isOwnedBy("callback")).isTrue();
        assertThat(page.deliveries("callback")).allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
        assertThat(page.graphCalls().calls(page.appId("callback"))).anySatisfy(call -> assertThat(call.isSend()).isTrue());
    }

    @Test
    void anAppsOwnEndpointIsServedBesideItsWebhook(PageFixture page) throws Exception {
        FixturePerson person = page.person("4002");
        person.tapAd("ad-9", "callback");

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        page.appEndpointUri("callback").resolve("callbacks"))
                .POST(HttpRequest.BodyPublishers.ofString(page.pageId() + ",4002,tomorrow-at-9"))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(202);
        page.awaitUntil("the triggered reply", () -> person.textsFrom("callback").size() == 2);
        assertThat(person.textsFrom("callback")).last().isEqualTo("Your callback: tomorrow-at-9");
    }
}
