package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PAGE;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facebook.ads.sdk.APIContext;
import com.facebook.ads.sdk.APIException;
import com.facebook.ads.sdk.APINodeList;
import com.facebook.ads.sdk.APIResponse;
import com.facebook.ads.sdk.Page;
import com.facebook.ads.sdk.PageThreadOwner;
import com.facebook.ads.sdk.Persona;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meta's own Java business SDK against the emulator. It accepts only {@code https://} (it casts every
 * connection to {@code HttpsURLConnection}) and sends every POST as {@code multipart/form-data} with the token
 * and {@code appsecret_proof} as parts. The only changes from talking to Meta: the endpoint base, and the JVM
 * trusting the emulator's certificate for the length of the class.
 */
class FacebookBusinessSdkClientTest {

    private static EmulatorTls tls;
    private static SSLSocketFactory previousFactory;

    private PageFixture page;
    private Page graphPage;

    @BeforeAll
    static void trustTheEmulator() {
        tls = EmulatorTls.selfSigned();
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.clientSslContext().getSocketFactory());
    }

    @AfterAll
    static void restoreTrust() {
        HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
    }

    @BeforeEach
    void personWrote() {
        page = PageFixture.start(EmulatorOptions.forTests().withTls(tls), json -> json.put("default_app_id", DEFAULT_APP));
        page.act("messages", Map.of("text", "hi"));
        graphPage = new Page(PAGE, context(PageFixture.token(DEFAULT_APP), PageFixture.secret(DEFAULT_APP)));
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void textSend() throws APIException {
        APIResponse sent = graphPage.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setMessagingType(Page.EnumMessagingType.VALUE_RESPONSE)
                .setMessage("{\"text\":\"Hello from Meta's SDK\"}")
                .execute();

        JsonObject answer = sent.getRawResponseAsJsonObject();
        assertThat(answer.get("recipient_id").getAsString()).isEqualTo(PSID);
        assertThat(answer.get("message_id").getAsString()).startsWith("m_");
        assertThat(texts()).contains("Hello from Meta's SDK");
    }

    @Test
    void quickReplies() throws APIException {
        APIResponse sent = graphPage.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setMessagingType(Page.EnumMessagingType.VALUE_RESPONSE)
                .setMessage("{\"text\":\"Pick one\",\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Yes\","
                        + "\"payload\":\"YES\"},{\"content_type\":\"text\",\"title\":\"No\",\"payload\":\"NO\"}]}")
                .execute();

        assertThat(sent.getRawResponseAsJsonObject().get("message_id").getAsString()).startsWith("m_");
        assertThat(texts()).contains("Pick one");
    }

    @Test
    void senderActionInLowercase() throws APIException {
        APIResponse sent = graphPage.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setSenderAction("typing_on")
                .execute();

        assertThat(sent.getRawResponseAsJsonObject().get("recipient_id").getAsString()).isEqualTo(PSID);
        assertThat(texts()).containsExactly("hi");
    }

    @Test
    void attachmentUploadAndReuse(@TempDir Path directory) throws APIException, IOException {
        Path photo = directory.resolve("photo.png");
        Files.write(photo, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3});

        APIResponse uploaded = graphPage.createMessageAttachment()
                .setMessage("{\"attachment\":{\"type\":\"image\",\"payload\":{\"is_reusable\":true}}}")
                .setParam("filedata", new File(photo.toString()))
                .execute();

        String attachmentId = uploaded.getRawResponseAsJsonObject().get("attachment_id").getAsString();
        assertThat(attachmentId).matches("\\d+");
        APIResponse sent = graphPage.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setMessagingType(Page.EnumMessagingType.VALUE_RESPONSE)
                .setMessage("{\"attachment\":{\"type\":\"image\",\"payload\":{\"attachment_id\":\"" + attachmentId + "\"}}}")
                .execute();
        assertThat(sent.getRawResponseAsJsonObject().get("message_id").getAsString()).startsWith("m_");
    }

    @Test
    void personaSend() throws APIException {
        Persona persona = graphPage.createPersona().setName("Sam Agent")
                .setProfilePictureUrl("https://example.test/sam.png").execute();
        assertThat(persona.getId()).matches("\\d+");

        graphPage.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setMessagingType(Page.EnumMessagingType.VALUE_RESPONSE)
                .setPersonaId(persona.getId())
                .setMessage("{\"text\":\"Sam here\"}")
                .execute();

        JsonNode transcript = page.conversation().path("transcript");
        JsonNode last = transcript.get(transcript.size() - 1);
        assertThat(last.path("text").asText()).isEqualTo("Sam here");
        assertThat(last.path("persona").path("id").asText()).isEqualTo(persona.getId());
        assertThat(last.path("persona").path("name").asText()).isEqualTo("Sam Agent");
        assertThat(graphPage.getPersonas().execute()).extracting(Persona::getFieldName).containsExactly("Sam Agent");
    }

    @Test
    void passThreadControlAndThreadOwner() throws APIException {
        APIResponse passed = graphPage.createPassThreadControl()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setTargetAppId(MARKETING)
                .setMetadata("to marketing")
                .execute();

        assertThat(passed.getRawResponseAsJsonObject().get("success").getAsBoolean()).isTrue();
        APINodeList<PageThreadOwner> owners = graphPage.getThreadOwner().setRecipient(PSID).execute();
        assertThat(owners).hasSize(1);
        assertThat(owners.get(0).getRawResponseAsJsonObject().getAsJsonObject("thread_owner").get("app_id")
                .getAsString()).isEqualTo(MARKETING);
        assertThat(page.owner()).isEqualTo(MARKETING);
    }

    @Test
    void badToken() {
        Page stranger = new Page(PAGE, context("not-a-token", null));

        assertThatThrownBy(() -> stranger.createMessage()
                .setRecipient("{\"id\":\"" + PSID + "\"}")
                .setMessagingType(Page.EnumMessagingType.VALUE_RESPONSE)
                .setMessage("{\"text\":\"x\"}")
                .execute())
                .isInstanceOfSatisfying(APIException.class, e -> assertThat(
                        e.getRawResponseAsJsonObject().getAsJsonObject("error").get("code").getAsInt()).isEqualTo(190));
        assertThat(texts()).containsExactly("hi");
    }

    private APIContext context(String token, String secret) {
        String base = page.emulator.baseUrl();
        return new APIContext(base, base, "v25.0", token, secret, null, false);
    }

    private List<String> texts() {
        List<String> texts = new java.util.ArrayList<>();
        page.conversation().path("transcript").forEach(line -> texts.add(line.path("text").asText()));
        return texts;
    }
}
