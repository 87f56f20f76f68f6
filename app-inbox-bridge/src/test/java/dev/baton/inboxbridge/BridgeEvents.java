package dev.baton.inboxbridge;

import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;

/** Webhook events as the parser would give them to the bridge. */
final class BridgeEvents {

    static final long T0 = 1_793_000_000_000L;

    private BridgeEvents() {}

    static EventHeader header(long at, Channel channel) {
        return new EventHeader(FakeConversation.PAGE, FakeConversation.USER, FakeConversation.PAGE, at, channel);
    }

    static HandoverEvent.PassThreadControl pass(long at, String from, String to, String metadata) {
        return new HandoverEvent.PassThreadControl(header(at, Channel.MESSAGING), from, to, metadata);
    }

    static HandoverEvent.TakeThreadControl take(long at, String from, String to) {
        return new HandoverEvent.TakeThreadControl(header(at, Channel.MESSAGING), from, to, null);
    }

    static MessageEvent text(long at, String mid, String text, Channel channel) {
        return new MessageEvent(header(at, channel), Message.text(mid, text));
    }

    static EchoEvent echo(long at, String appId, String text) {
        EventHeader header = new EventHeader(FakeConversation.PAGE, FakeConversation.PAGE, FakeConversation.USER, at,
                Channel.STANDBY);
        return new EchoEvent(header, Message.text("e" + at, text), appId, null);
    }
}
