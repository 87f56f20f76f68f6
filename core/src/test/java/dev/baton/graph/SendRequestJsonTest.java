package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.send.Button;
import dev.baton.send.MediaType;
import dev.baton.send.MessageTag;
import dev.baton.send.NotificationType;
import dev.baton.send.OutgoingAttachment;
import dev.baton.send.QuickReply;
import dev.baton.send.Reaction;
import dev.baton.send.Recipient;
import dev.baton.send.SendRequest;
import dev.baton.send.SenderAction;
import dev.baton.send.SendThreadControl;
import dev.baton.send.Template;
import dev.baton.send.TemplateElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRequestJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SendRequestJson json = new SendRequestJson(MAPPER);
    private final Recipient person = Recipient.id("1001");

    private String write(SendRequest request) {
        return json.toJson(request, person).toString();
    }

    @Test
    void textFillsInTheConversationsPerson() {
        assertThat(write(SendRequest.text("hi")))
                .isEqualTo("{\"recipient\":{\"id\":\"1001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}");
    }

    @Test
    void everyRecipientForm() {
        assertThat(write(SendRequest.text("a").withRecipient(new Recipient.UserRef("ref-1")))).contains("{\"user_ref\":\"ref-1\"}");
        assertThat(write(SendRequest.text("a").withRecipient(new Recipient.PostId("1_2")))).contains("{\"post_id\":\"1_2\"}");
        assertThat(write(SendRequest.text("a").withRecipient(new Recipient.CommentId("3_4")))).contains("{\"comment_id\":\"3_4\"}");
        assertThat(write(SendRequest.text("a").withRecipient(new Recipient.NotificationMessagesToken("tok"))))
                .contains("{\"notification_messages_token\":\"tok\"}");
    }

    @Test
    void everyTopLevelParameter() {
        SendRequest request = SendRequest.builder().text("agent").tag(MessageTag.HUMAN_AGENT)
                .notificationType(NotificationType.SILENT_PUSH).personaId("555").replyTo("mid.9").metadata("m1")
                .quickReply(QuickReply.text("Yes", "YES")).quickReply(QuickReply.userEmail()).build();
        assertThat(write(request)).isEqualTo("{\"recipient\":{\"id\":\"1001\"},\"messaging_type\":\"MESSAGE_TAG\","
                + "\"message\":{\"text\":\"agent\",\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Yes\","
                + "\"payload\":\"YES\"},{\"content_type\":\"user_email\"}],\"metadata\":\"m1\"},"
                + "\"notification_type\":\"SILENT_PUSH\",\"tag\":\"HUMAN_AGENT\",\"persona_id\":\"555\","
                + "\"reply_to\":{\"mid\":\"mid.9\"}}");
    }

    @Test
    void senderActionsWithAndWithoutPayload() {
        assertThat(write(SendRequest.senderAction(SenderAction.TYPING_ON)))
                .isEqualTo("{\"recipient\":{\"id\":\"1001\"},\"sender_action\":\"TYPING_ON\"}");
        assertThat(write(SendRequest.react("mid.5", "love"))).isEqualTo("{\"recipient\":{\"id\":\"1001\"},"
                + "\"sender_action\":\"REACT\",\"payload\":{\"message_id\":\"mid.5\",\"reaction\":\"love\"}}");
        assertThat(write(SendRequest.builder().senderAction(SenderAction.UNREACT)
                .senderActionPayload(new Reaction("mid.5", null)).build())).contains("\"payload\":{\"message_id\":\"mid.5\"}");
    }

    @Test
    void bothThreadControlForms() {
        assertThat(write(SendRequest.text("bye").withThreadControl(SendThreadControl.passToDefaultApp())))
                .contains("\"thread_control\":{\"payload\":\"pass_thread_control\"}");
        assertThat(write(SendRequest.text("bye").withThreadControl(SendThreadControl.release())))
                .contains("\"thread_control\":{\"payload\":\"release_thread_control\"}");
        assertThat(write(SendRequest.text("bye").withThreadControl(SendThreadControl.passTo("263902037430900"))))
                .contains("\"thread_control\":{\"app_id\":\"263902037430900\",\"control_type\":\"pass\"}");
        assertThat(write(SendRequest.text("bye").withThreadControl(new SendThreadControl(null, "42", null))))
                .contains("\"thread_control\":{\"app_id\":\"42\"}");
    }

    @Test
    void attachmentsAndTemplates() {
        assertThat(write(SendRequest.builder().attachment(new OutgoingAttachment.Media(MediaType.IMAGE,
                "https://x/y.png", null, true)).build()))
                .contains("\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":\"https://x/y.png\",\"is_reusable\":true}}");
        assertThat(write(SendRequest.builder().attachment(OutgoingAttachment.uploaded(MediaType.AUDIO, "77")).build()))
                .contains("{\"type\":\"audio\",\"payload\":{\"attachment_id\":\"77\"}}");
        assertThat(write(SendRequest.template(new Template.ButtonTemplate("Pick", List.of(
                Button.postback("Talk", "HUMAN"), Button.url("Site", "https://s"), Button.call("Call", "+155")))))).contains(
                "{\"type\":\"template\",\"payload\":{\"template_type\":\"button\",\"text\":\"Pick\",\"buttons\":["
                        + "{\"type\":\"postback\",\"payload\":\"HUMAN\",\"title\":\"Talk\"},"
                        + "{\"type\":\"web_url\",\"url\":\"https://s\",\"title\":\"Site\"},"
                        + "{\"type\":\"phone_number\",\"payload\":\"+155\",\"title\":\"Call\"}]}}");
        assertThat(write(SendRequest.template(new Template.GenericTemplate(List.of(new TemplateElement("Shoe", "Red",
                "https://i", "https://d", List.of(Button.postback("Buy", "BUY")))))))).contains(
                "\"elements\":[{\"title\":\"Shoe\",\"subtitle\":\"Red\",\"image_url\":\"https://i\","
                        + "\"default_action\":{\"type\":\"web_url\",\"url\":\"https://d\"},\"buttons\":[");
        assertThat(write(SendRequest.template(new Template.MediaTemplate(MediaType.VIDEO, "88", null, null))))
                .contains("\"template_type\":\"media\",\"elements\":[{\"media_type\":\"video\",\"attachment_id\":\"88\"}]");
    }

    @Test
    void rawJsonGetsRecipientAndTheSameChecks() {
        assertThat(write(SendRequest.raw("{\"messaging_type\":\"UPDATE\",\"message\":{\"text\":\"r\"}}")))
                .isEqualTo("{\"messaging_type\":\"UPDATE\",\"message\":{\"text\":\"r\"},\"recipient\":{\"id\":\"1001\"}}");
        assertThat(write(SendRequest.raw("{\"recipient\":{\"id\":\"9\"},\"sender_action\":\"MARK_SEEN\"}")))
                .contains("{\"id\":\"9\"}");
        refused("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"x\"},"
                + "\"thread_control\":{\"payload\":\"pass_thread_control\",\"app_id\":\"1\"}}", "cannot be combined");
        refused("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"x\"},"
                + "\"thread_control\":{\"payload\":\"pass_thread_control\",\"control_type\":\"pass\"}}", "cannot be combined");
        refused("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"" + "x".repeat(2001) + "\"}}", "message.text");
        refused("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"x\",\"metadata\":\"" + "m".repeat(1001) + "\"}}",
                "message.metadata");
        refused("{\"messaging_type\":\"RESPONSE\",\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"x\"}}", "MESSAGE_TAG");
        refused("{\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"ACCOUNT_UPDATE\",\"message\":{\"text\":\"x\"}}", "retired");
        refused("{\"message\":{\"text\":\"x\"}}", "messaging_type");
        refused("{\"sender_action\":\"REACT\"}", "payload");
        refused("{\"sender_action\":\"DANCE\"}", "sender_action");
        refused("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"x\"},\"thread_control\":{\"app_id\":\"1\","
                + "\"control_type\":\"steal\"}}", "control_type");
        refused("{\"recipient\":{\"id\":\"1\",\"user_ref\":\"2\"},\"sender_action\":\"MARK_SEEN\"}", "recipient");
        refused("[1,2]", "JSON object");
        refused("{not json", "not valid JSON");
    }

    private void refused(String raw, String fragment) {
        assertThatThrownBy(() -> write(SendRequest.raw(raw))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(fragment);
    }
}
