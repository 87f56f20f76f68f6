package dev.baton.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.MessageEditEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PolicyEnforcementEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.UnsendEvent;
import dev.baton.event.UnsupportedMessageEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.server.WebhookAnswer;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.testing.TestingDeployment;
import dev.baton.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The kinds the tolerant reader added reach their own callbacks through the real ingest and dispatcher:
 * an edit, an unsend, an unsupported message (never {@code onMessage}), policy enforcement (Page-level) and
 * an untyped event ({@code onUnknown}, with its reason); Meta's repeat of an edit is dropped, the next edit
 * of the same message is not.
 */
class NewKindsDispatchTest {

    static final class Recorder implements ConversationApp {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            calls.add("message " + event.message().mid());
        }

        @Override
        public void onMessageEdit(MessageEditEvent event, Conversation conversation) {
            calls.add("edit " + event.mid() + " #" + event.numEdit());
        }

        @Override
        public void onUnsend(UnsendEvent event, Conversation conversation) {
            calls.add("unsend " + event.mid());
        }

        @Override
        public void onUnsupportedMessage(UnsupportedMessageEvent event, Conversation conversation) {
            calls.add("unsupported " + event.mid());
        }

        @Override
        public void onPolicyEnforcement(PolicyEnforcementEvent event, Conversation conversation) {
            calls.add("policy " + event.action() + " user='" + conversation.key().userId() + "'");
        }

        @Override
        public void onUnknown(UnknownEvent event, Conversation conversation) {
            calls.add("unknown " + event.untypedReason());
        }

        @Override
        public void onStandby(WebhookEvent event, Conversation conversation) {
            calls.add("standby " + event.kind());
        }
    }

    private static final String EVENT = "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":";

    @Test
    void everyNewKindReachesItsOwnCallback() {
        Recorder app = new Recorder();
        try (TestingDeployment deployment = TestingDeployment.builder()
                .app(new HostedApp("shop", "555", AppRole.DEFAULT), app).build()) {
            String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1,\"messaging\":["
                    + EVENT + "1,\"message\":{\"mid\":\"m1\",\"text\":\"hi\"}},"
                    + EVENT + "2,\"message_edit\":{\"mid\":\"m1\",\"text\":\"hi!\",\"num_edit\":1}},"
                    + EVENT + "3,\"message_edit\":{\"mid\":\"m1\",\"text\":\"hi!\",\"num_edit\":1}},"
                    + EVENT + "4,\"message_edit\":{\"mid\":\"m1\",\"text\":\"hi!!\",\"num_edit\":2}},"
                    + EVENT + "5,\"message\":{\"mid\":\"m1\",\"is_deleted\":true}},"
                    + EVENT + "6,\"message\":{\"mid\":\"m2\",\"is_unsupported\":true}},"
                    + "{\"recipient\":{\"id\":\"111\"},\"timestamp\":7,\"policy_enforcement\":{\"action\":\"warning\","
                    + "\"reason\":\"spam\"}},"
                    + EVENT + "8,\"message\":\"not an object\"}]}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

            WebhookAnswer result = deployment.ingest().receive("shop",
                    WebhookSignature.sha256Header(bytes, TestingDeployment.appSecret("shop")), bytes);
            deployment.awaitIdle();

            assertThat(result.status()).isEqualTo(200);
            assertThat(app.calls).containsExactlyInAnyOrder("message m1", "edit m1 #1", "edit m1 #2", "unsend m1",
                    "unsupported m2", "policy warning user=''", "unknown WRONG_TYPE entry[0].messaging[7].message");
            assertThat(deployment.registry().get("baton.webhook.events.untyped").tag("reason", "WRONG_TYPE")
                    .counter().count()).isEqualTo(1);
        }
    }
}
