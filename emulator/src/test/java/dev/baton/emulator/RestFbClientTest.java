package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.restfb.BinaryAttachment;
import com.restfb.DefaultFacebookClient;
import com.restfb.DefaultJsonMapper;
import com.restfb.DefaultWebRequestor;
import com.restfb.FacebookClient;
import com.restfb.FacebookEndpoints;
import com.restfb.Parameter;
import com.restfb.Version;
import com.restfb.exception.FacebookOAuthException;
import com.restfb.json.JsonObject;
import com.restfb.types.send.IdMessageRecipient;
import com.restfb.types.send.MediaAttachment;
import com.restfb.types.send.Message;
import com.restfb.types.send.QuickReply;
import com.restfb.types.send.SendResponse;
import com.restfb.types.send.SenderActionEnum;
import dev.baton.event.EchoEvent;
import dev.baton.event.WebhookEvent;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RestFB, as a team with an existing bot uses it, pointed at the emulator over HTTPS: the only changes are
 * the Graph endpoint and trusting the emulator's certificate (RestFB's own hook for connection settings).
 */
class RestFbClientTest {

    private static EmulatorTls tls;

    private PageFixture page;
    private FacebookClient client;

    @BeforeAll
    static void certificate() {
        tls = EmulatorTls.selfSigned();
    }

    @BeforeEach
    void personWrote() {
        page = PageFixture.start(EmulatorOptions.forTests().withTls(tls), json -> json.put("default_app_id", DEFAULT_APP));
        assertThat(page.emulator.baseUrl()).startsWith("https://");
        page.act("messages", Map.of("text", "hi"));
        page.newEvents(DEFAULT_APP);
        client = client(PageFixture.token(DEFAULT_APP), PageFixture.secret(DEFAULT_APP));
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void textSend() throws Exception {
        SendResponse sent = client.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("messaging_type", "RESPONSE"),
                Parameter.with("message", new Message("Hello from RestFB")));

        assertThat(sent.getRecipientId()).isEqualTo(PSID);
        assertThat(sent.getMessageId()).startsWith("m_");
        assertThat(texts()).contains("Hello from RestFB");
        List<WebhookEvent> echoes = page.awaitNewEvents(DEFAULT_APP, 1);
        assertThat(echoes).singleElement().isInstanceOf(EchoEvent.class);
    }

    @Test
    void quickReplies() {
        Message message = new Message("Pick one");
        message.addQuickReply(new QuickReply("Yes", "YES"));
        message.addQuickReply(new QuickReply("No", "NO"));

        SendResponse sent = client.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("messaging_type", "RESPONSE"), Parameter.with("message", message));

        assertThat(sent.getMessageId()).startsWith("m_");
        assertThat(texts()).contains("Pick one");
    }

    @Test
    void senderActionInLowercase() {
        SendResponse sent = client.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("sender_action", SenderActionEnum.typing_on));

        assertThat(sent.getRecipientId()).isEqualTo(PSID);
        assertThat(sent.getMessageId()).isNull();
        assertThat(texts()).containsExactly("hi");   // sender actions leave no transcript line
    }

    @Test
    void attachmentUploadAndReuse() {
        MediaAttachment upload = new MediaAttachment(MediaAttachment.Type.IMAGE);
        upload.setIsReusable(true);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

        SendResponse uploaded = client.publish("me/message_attachments", SendResponse.class,
                BinaryAttachment.with("filedata", "photo.png", png, "image/png"),
                Parameter.with("message", new Message(upload)));

        assertThat(uploaded.getAttachmentId()).matches("\\d+");
        SendResponse reused = client.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("messaging_type", "RESPONSE"),
                Parameter.with("message", new Message(new MediaAttachment(MediaAttachment.Type.IMAGE,
                        uploaded.getAttachmentId()))));
        assertThat(reused.getMessageId()).startsWith("m_");

        SendResponse unknown = null;
        try {
            unknown = client.publish("me/messages", SendResponse.class,
                    Parameter.with("recipient", new IdMessageRecipient(PSID)),
                    Parameter.with("messaging_type", "RESPONSE"),
                    Parameter.with("message", new Message(new MediaAttachment(MediaAttachment.Type.IMAGE, "123"))));
        } catch (FacebookOAuthException e) {
            assertThat(e.getErrorCode()).isEqualTo(100);
        }
        assertThat(unknown).isNull();
    }

    @Test
    void personaSend() {
        JsonObject persona = client.publish("me/personas", JsonObject.class, Parameter.with("name", "Sam Agent"),
                Parameter.with("profile_picture_url", "https://example.test/sam.png"));
        String personaId = persona.getString("id", null);
        assertThat(personaId).matches("\\d+");

        SendResponse sent = client.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("messaging_type", "RESPONSE"), Parameter.with("persona_id", personaId),
                Parameter.with("message", new Message("Sam here")));

        assertThat(sent.getMessageId()).startsWith("m_");
        JsonNode line = lastLine();
        assertThat(line.path("text").asText()).isEqualTo("Sam here");
        assertThat(line.path("persona").path("name").asText()).isEqualTo("Sam Agent");
        JsonObject listed = client.fetchObject("me/personas", JsonObject.class);
        assertThat(listed.get("data").asArray().get(0).asObject().getString("name", null)).isEqualTo("Sam Agent");
        assertThat(client.deleteObject(personaId)).isTrue();
    }

    @Test
    void passThreadControlAndThreadOwner() {
        JsonObject passed = client.publish("me/pass_thread_control", JsonObject.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)), Parameter.with("target_app_id", MARKETING),
                Parameter.with("metadata", "to marketing"));

        assertThat(passed.getBoolean("success", false)).isTrue();
        JsonObject owner = client.fetchObject("me/thread_owner", JsonObject.class, Parameter.with("recipient", PSID));
        assertThat(owner.get("data").asArray().get(0).asObject().get("thread_owner").asObject()
                .getString("app_id", null)).isEqualTo(MARKETING);
    }

    @Test
    void userProfile() {
        page.emulator.person(PageFixture.PAGE, PSID).setProfile(PersonProfile.messenger("Peter", "Chang",
                "https://example.test/peter.jpg"));

        JsonObject profile = client.fetchObject(PSID, JsonObject.class,
                Parameter.with("fields", "first_name,last_name,profile_pic"));

        assertThat(profile.getString("first_name", null)).isEqualTo("Peter");
        assertThat(profile.getString("last_name", null)).isEqualTo("Chang");
        assertThat(profile.getString("profile_pic", null)).isEqualTo("https://example.test/peter.jpg");
    }

    @Test
    void badToken() {
        FacebookClient stranger = client("not-a-token", null);

        assertThatThrownBy(() -> stranger.publish("me/messages", SendResponse.class,
                Parameter.with("recipient", new IdMessageRecipient(PSID)),
                Parameter.with("messaging_type", "RESPONSE"), Parameter.with("message", new Message("x"))))
                .isInstanceOfSatisfying(FacebookOAuthException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(190);
                    assertThat(e.getErrorType()).isEqualTo("OAuthException");
                });
        assertThat(texts()).containsExactly("hi");
    }

    private FacebookClient client(String token, String secret) {
        SSLSocketFactory trusted = tls.clientSslContext().getSocketFactory();
        DefaultWebRequestor requestor = new DefaultWebRequestor() {
            @Override
            protected void customizeConnection(HttpURLConnection connection) {
                if (connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(trusted);
                }
            }
        };
        DefaultFacebookClient facebook = secret == null
                ? new DefaultFacebookClient(token, requestor, new DefaultJsonMapper(), Version.LATEST)
                : new DefaultFacebookClient(token, secret, requestor, new DefaultJsonMapper(), Version.LATEST);
        String base = page.emulator.baseUrl();
        facebook.setFacebookEndpointUrls(new FacebookEndpoints() {
            @Override
            public String getGraphEndpoint() {
                return base;
            }

            @Override
            public String getGraphVideoEndpoint() {
                return base;
            }
        });
        return facebook;
    }

    private List<String> texts() {
        List<String> texts = new java.util.ArrayList<>();
        page.conversation().path("transcript").forEach(line -> texts.add(line.path("text").asText()));
        return texts;
    }

    private JsonNode lastLine() {
        JsonNode transcript = page.conversation().path("transcript");
        return transcript.get(transcript.size() - 1);
    }
}
