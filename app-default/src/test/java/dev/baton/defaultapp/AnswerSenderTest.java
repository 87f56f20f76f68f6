package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.send.Button;
import dev.baton.send.OutgoingAttachment;
import dev.baton.send.QuickReply;
import dev.baton.send.SendRequest;
import dev.baton.send.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerSenderTest {

    @Test
    void quickRepliesGoUnderTheText() {
        SendRequest request = AnswerSender.request(SettingsFixtures.example().greeting());

        assertThat(request.message().quickReplies()).extracting(QuickReply::payload)
                .containsExactly("HOURS", "ORDER", "TALK_TO_HUMAN");
        assertThat(request.text()).startsWith("Hi! I'm the Acme assistant");
    }

    @Test
    void buttonsBecomeAButtonTemplate() {
        SendRequest request = AnswerSender.request(SettingsFixtures.example().refs().get("spring-sale"));

        OutgoingAttachment.TemplateAttachment attachment =
                (OutgoingAttachment.TemplateAttachment) request.message().attachment();
        Template.ButtonTemplate template = (Template.ButtonTemplate) attachment.template();
        assertThat(template.text()).startsWith("Spring sale");
        assertThat(template.buttons()).containsExactly(
                Button.url("Shop now", "https://shop.example.com/spring"), Button.postback("Opening hours", "HOURS"));
    }

    @Test
    void plainTextStaysPlain() {
        SendRequest request = AnswerSender.request(new Answer("hello", List.of(), null));

        assertThat(request).isEqualTo(SendRequest.text("hello"));
    }
}
