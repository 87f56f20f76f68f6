package dev.baton.inboxbridge;

import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testing.TestingConversation;
import java.time.Instant;

/** Webhook events as the parser would give them to the bridge. */
final class BridgeEvents {

    static final long T0 = 1_793_000_000_000L;
    static final String PAGE = "1000";
    static final String USER = "u1";

    /** A conversation between PAGE and USER, owned by {@code appId}; release gives the thread to "default". */
    static TestingConversation conversation(String appId, Platform platform) {
        return new TestingConversation().setKey(new ConversationKey(PAGE, USER)).setAppId(appId).setPlatform(platform)
                .setDefaultAppId("default").setOwnershipSource(ThreadOwnership.Source.UNKNOWN)
                .setNow(Instant.parse("2026-11-01T10:00:00Z"));
    }

    private BridgeEvents() {}

    static EventHeader header(long at, Channel channel) {
        return new EventHeader(PAGE, USER, PAGE, at, channel);
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
        EventHeader header = new EventHeader(PAGE, PAGE, USER, at,
                Channel.STANDBY);
        return new EchoEvent(header, Message.text("e" + at, text), appId, null);
    }
}
