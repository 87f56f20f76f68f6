package dev.baton.defaultapp;

import dev.baton.send.SendRequest;
import dev.baton.spi.Conversation;

/** Turns a configured {@link DefaultAppAnswer} into a Send API request and sends it in the conversation. */
final class DefaultAppResponder {

    void say(Conversation conversation, DefaultAppAnswer answer, DefaultAppPlaceholders placeholders) {
        conversation.send(request(answer.fill(placeholders)));
    }

    static SendRequest request(DefaultAppAnswer answer) {
        return SendRequest.text(answer.text());
    }
}
