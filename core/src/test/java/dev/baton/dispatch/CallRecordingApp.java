package dev.baton.dispatch;

import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records "callback:detail" for every call, in order. */
class CallRecordingApp implements ConversationApp {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        calls.add("message:" + event.message().mid());
    }

    @Override
    public void onEcho(EchoEvent event, Conversation conversation) {
        calls.add("echo:" + event.message().mid());
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        calls.add("postback:" + event.mid());
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        calls.add("referral:" + event.referral().adId());
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        calls.add("handover:" + event.kind());
    }

    @Override
    public void onRead(ReadEvent event, Conversation conversation) {
        calls.add("read:" + event.watermark());
    }

    @Override
    public void onDelivery(DeliveryEvent event, Conversation conversation) {
        calls.add("delivery:" + event.watermark());
    }

    @Override
    public void onReaction(ReactionEvent event, Conversation conversation) {
        calls.add("reaction:" + event.mid() + ":" + event.action());
    }

    @Override
    public void onOptin(OptinEvent event, Conversation conversation) {
        calls.add("optin:" + event.ref());
    }

    @Override
    public void onUnknown(UnknownEvent event, Conversation conversation) {
        calls.add("unknown");
    }

    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        calls.add("standby:" + event.kind());
    }

    @Override
    public void onTimer(String timerName, Conversation conversation) {
        calls.add("timer:" + timerName + "@" + conversation.key().userId());
    }
}
