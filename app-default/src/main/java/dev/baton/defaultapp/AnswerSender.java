package dev.baton.defaultapp;

import dev.baton.send.Button;
import dev.baton.send.QuickReply;
import dev.baton.send.SendRequest;
import dev.baton.send.Template;
import dev.baton.spi.Conversation;

/**
 * Turns a configured {@link Answer} into a Send API request and sends it in the conversation: a
 * text, a text with quick replies, or a button template.
 */
final class AnswerSender {

    void say(Conversation conversation, Answer answer, Placeholders placeholders) {
        conversation.send(request(answer.fill(placeholders)));
    }

    static SendRequest request(Answer answer) {
        if (!answer.buttons().isEmpty()) {
            return SendRequest.template(new Template.ButtonTemplate(answer.text(),
                    answer.buttons().stream().map(AnswerSender::button).toList()));
        }
        if (!answer.quickReplies().isEmpty()) {
            return SendRequest.quickReplies(answer.text(), answer.quickReplies().stream()
                    .map(reply -> QuickReply.text(reply.title(), reply.payload())).toList());
        }
        return SendRequest.text(answer.text());
    }

    private static Button button(Answer.Button button) {
        return button.url() != null ? Button.url(button.title(), button.url())
                : Button.postback(button.title(), button.payload());
    }
}
