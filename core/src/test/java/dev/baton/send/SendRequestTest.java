package dev.baton.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.graph.error.InvalidRequestException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRequestTest {

    @Test
    void textKeepsTheSeamOtherModulesUse() {
        SendRequest request = SendRequest.text("hello");
        assertThat(request.text()).isEqualTo("hello");
        assertThat(request.recipient()).isNull();
        assertThat(request.messagingType()).isEqualTo(MessagingType.RESPONSE);
        assertThat(SendRequest.senderAction(SenderAction.TYPING_ON).text()).isNull();
        assertThat(SendRequest.raw("{\"message\":{\"text\":\"x\"}}").text()).isNull();
    }

    @Test
    void textLimitCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(SendRequest.text(emoji.repeat(2000)).text()).hasSize(4000);
        assertThatThrownBy(() -> SendRequest.text("a".repeat(2001)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("message.text")
                .hasMessageContaining("2001");
    }

    @Test
    void metadataOver1000IsRefused() {
        assertThat(SendRequest.builder().text("t").metadata("m".repeat(1000)).build().message().metadata()).hasSize(1000);
        assertThatThrownBy(() -> SendRequest.builder().text("t").metadata("m".repeat(1001)).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("message.metadata");
    }

    @Test
    void tagRulesAreChecked() {
        SendRequest tagged = SendRequest.builder().text("agent here").tag(MessageTag.HUMAN_AGENT).build();
        assertThat(tagged.messagingType()).isEqualTo(MessagingType.MESSAGE_TAG);
        assertThatThrownBy(() -> SendRequest.builder().text("t").messagingType(MessagingType.RESPONSE)
                .tag(MessageTag.HUMAN_AGENT).build()).hasMessageContaining("a tag needs messaging_type MESSAGE_TAG");
        assertThatThrownBy(() -> SendRequest.builder().text("t").messagingType(MessagingType.MESSAGE_TAG).build())
                .hasMessageContaining("MESSAGE_TAG needs a tag");
        for (MessageTag retired : List.of(MessageTag.ACCOUNT_UPDATE, MessageTag.CONFIRMED_EVENT_UPDATE,
                MessageTag.POST_PURCHASE_UPDATE)) {
            assertThatThrownBy(() -> SendRequest.builder().text("t").tag(retired).build())
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("retired");
        }
    }

    @Test
    void threadControlFormsCannotBeCombined() {
        assertThatThrownBy(() -> new SendThreadControl(SendThreadControl.Payload.PASS_THREAD_CONTROL, "123",
                SendThreadControl.ControlType.PASS))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> new SendThreadControl(null, null, SendThreadControl.ControlType.PASS))
                .hasMessageContaining("needs either payload or app_id");
        assertThatThrownBy(() -> SendThreadControl.passTo("not-a-number")).hasMessageContaining("numeric");
        assertThat(new SendThreadControl(null, "42", null).passes()).isFalse();
        assertThat(SendThreadControl.passToDefaultApp().passes()).isTrue();
        assertThatThrownBy(() -> SendRequest.builder().senderAction(SenderAction.TYPING_ON)
                .threadControl(SendThreadControl.release()).build()).hasMessageContaining("rides on a message");
    }

    @Test
    void messageAndSenderActionAreExclusiveAndReactNeedsPayload() {
        assertThatThrownBy(() -> SendRequest.builder().text("t").senderAction(SenderAction.MARK_SEEN).build())
                .hasMessageContaining("exactly one of message and sender_action");
        assertThatThrownBy(() -> SendRequest.builder().build()).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> SendRequest.senderAction(SenderAction.REACT)).hasMessageContaining("needs a payload");
        assertThat(SendRequest.builder().senderAction(SenderAction.UNREACT)
                .senderActionPayload(new Reaction("mid.1", null)).build().senderAction()).isEqualTo(SenderAction.UNREACT);
        assertThatThrownBy(() -> SendRequest.builder().senderAction(SenderAction.REACT)
                .senderActionPayload(new Reaction("mid.1", null)).build()).hasMessageContaining("needs a reaction");
        assertThat(SendRequest.react("mid.1", "love").senderActionPayload().reaction()).isEqualTo("love");
    }

    @Test
    void quickRepliesAndTemplatesHaveMetaLimits() {
        List<QuickReply> fourteen = Collections.nCopies(14, QuickReply.text("yes", "YES"));
        assertThatThrownBy(() -> SendRequest.quickReplies("pick", fourteen)).hasMessageContaining("at most 13");
        assertThatThrownBy(() -> QuickReply.text("a".repeat(21), "p")).hasMessageContaining("quick_replies.title");
        assertThatThrownBy(() -> new Template.ButtonTemplate("t", List.of())).hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> new Template.ButtonTemplate("t".repeat(641), List.of(Button.url("a", "https://x"))))
                .hasMessageContaining("640");
        assertThatThrownBy(() -> Button.call("Call", "5551234")).hasMessageContaining("+");
        assertThatThrownBy(() -> new Template.MediaTemplate(MediaType.AUDIO, "1", null, null))
                .hasMessageContaining("image or video");
        assertThatThrownBy(() -> new OutgoingAttachment.Media(MediaType.IMAGE, "https://x", "123", false))
                .hasMessageContaining("exactly one of url and attachment_id");
    }

    @Test
    void slowRateMediaIsAudioAndVideo() {
        assertThat(SendRequest.builder().attachment(OutgoingAttachment.url(MediaType.VIDEO, "https://v")).build()
                .message().slowRateMedia()).isTrue();
        assertThat(SendRequest.builder().attachment(OutgoingAttachment.uploaded(MediaType.IMAGE, "9")).build()
                .message().slowRateMedia()).isFalse();
        assertThat(SendRequest.text("t").message().slowRateMedia()).isFalse();
    }

    @Test
    void personaIdMustBeNumericAndRawCarriesItsOwnFields() {
        assertThatThrownBy(() -> SendRequest.builder().text("t").personaId("abc").build()).hasMessageContaining("numeric");
        assertThatThrownBy(() -> new SendRequest(null, MessagingType.UPDATE, null, null, null, null, null, null, null,
                null, "{}")).hasMessageContaining("raw");
        SendRequest request = SendRequest.text("x").withRecipient(Recipient.id("77"));
        assertThat(request.toBuilder().build()).isEqualTo(request);
    }
}
