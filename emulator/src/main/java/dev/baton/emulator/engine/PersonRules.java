package dev.baton.emulator.engine;

import dev.baton.emulator.AdClick;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.PersonMessage;
import dev.baton.emulator.TranscriptLine;
import dev.baton.emulator.TranscriptLine.Direction;
import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** What happens when the person (or a human in the Inbox) acts on one thread: the seed's webhook table. */
final class PersonRules {

    private final PageState page;
    private final ThreadState thread;
    private final Instant now;
    private final long millis;
    private final Fanout fanout;
    private final Supplier<String> mids;

    PersonRules(PageState page, ThreadState thread, Instant now, Fanout fanout, Supplier<String> mids) {
        this.page = page;
        this.thread = thread;
        this.now = now;
        this.millis = now.toEpochMilli();
        this.fanout = fanout;
        this.mids = mids;
    }

    /**
     * CTM ad: control passes to the receiving app, which gets messaging_handover; an ad without a connected
     * receiving app routes to the default app without one.
     */
    void adClick(AdClick click) {
        String target = click.receivingAppId();
        if (page.isConnected(target)) {
            if (!target.equals(thread.ownerAppId)) {
                String previous = thread.ownerAppId;
                thread.giveControl(target, now);
                fanout.toApp(target, new HandoverEvent.PassThreadControl(
                        fanout.fromPerson(millis, Channel.MESSAGING), previous, target, null));
            }
        } else if (page.conversationRouting() && !page.defaultAppId().equals(thread.ownerAppId)) {
            // No (connected) marketing app: an entry point like any other, so the default app, silently.
            thread.giveControl(page.defaultAppId(), now);
        }
        thread.personActed(now);
        Referral referral = new Referral("ADS", "OPEN_THREAD", click.ref(), click.adId(), null, click.adsContext());
        ObjectNode ad = JsonNodeFactory.instance.objectNode();
        ad.putObject("referral").put("source", "ADS").put("ad_id", click.adId()).put("ref", click.ref());
        if (click.text() == null) {
            inbound("ad_click", null, click.adId(), ad.toString());
            fanout.toOwnerAndWatchers(channel -> new ReferralEvent(fanout.fromPerson(millis, channel), referral));
            return;
        }
        String mid = mids.get();
        inbound("message", mid, click.text(), ad.toString());
        Message message = new Message(mid, click.text(), null, List.of(), null, referral);
        fanout.toOwnerAndWatchers(channel -> new MessageEvent(fanout.fromPerson(millis, channel), message));
    }

    void message(PersonMessage personMessage) {
        enterIfIdle();
        thread.personActed(now);
        String mid = mids.get();
        inbound(personMessage.quickReplyPayload() == null ? "message" : "quick_reply", mid, personMessage.text(),
                messageContent(personMessage));
        Message message = new Message(mid, personMessage.text(), personMessage.quickReplyPayload(),
                personMessage.attachments(), null, null);
        fanout.toOwnerAndWatchers(channel -> new MessageEvent(fanout.fromPerson(millis, channel), message));
    }

    /** A button tap; standby copies carry no payload, which Meta gives only to the app that sent the button. */
    void postback(String payload, String title) {
        enterIfIdle();
        thread.personActed(now);
        postbackEvent(payload, title, null);
    }

    /** Get Started: the social app (else the default app) gets control; no handover webhook. */
    void getStarted(String ref) {
        if (page.conversationRouting()) {
            thread.giveControl(page.entryPointAppId(), now);
        }
        thread.personActed(now);
        Referral referral = ref == null ? null : new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null);
        postbackEvent(page.getStartedPayload(), "Get Started", referral);
    }

    /** m.me link: a routed ref gives its app control; any link reopens the window; messaging_referral SHORTLINK. */
    void link(String ref) {
        String routed = page.registration.linkRoutes().get(ref);
        if (routed != null && page.conversationRouting()) {
            thread.giveControl(routed, now);
        } else {
            enterIfIdle();
        }
        thread.personActed(now);
        inbound("link", null, ref, null);
        Referral referral = new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null);
        fanout.toOwnerAndWatchers(channel -> new ReferralEvent(fanout.fromPerson(millis, channel), referral));
    }

    /** A human replies in the Inbox: the Inbox takes control if it lacks it, then its message is echoed. */
    void inboxReply(String text) {
        inboxTakesControl();
        String mid = mids.get();
        String inbox = page.registration.inboxAppId();
        thread.transcript.add(new TranscriptLine(Direction.OUTBOUND, inbox, "message", mid, text, now));
        thread.undeliveredMids.add(mid);
        fanout.toOwnerAndWatchers(channel -> new EchoEvent(fanout.fromPage(millis, channel),
                Message.text(mid, text), inbox, null));
    }

    /** Moving the thread to the Inbox's Main folder, or replying there: the old owner gets take_thread_control. */
    void inboxTakesControl() {
        String inbox = page.registration.inboxAppId();
        if (inbox.equals(thread.ownerAppId)) {
            return;
        }
        String previous = thread.ownerAppId;
        thread.giveControl(inbox, now);
        if (previous != null) {
            fanout.toApp(previous, new HandoverEvent.TakeThreadControl(
                    fanout.fromPerson(millis, Channel.MESSAGING), previous, inbox, null));
        }
    }

    /**
     * A human marks the conversation Done in the Inbox (rule 8): the Inbox gives control to the Page's default
     * app, which gets {@code pass_thread_control} with the Inbox as previous owner; other apps get nothing (a
     * handover webhook goes only to the new owner). Without a default app the thread becomes idle, silently.
     * When the Inbox is itself the default app, Done leaves the thread with it and nothing is sent.
     */
    void inboxDone() {
        String inbox = page.registration.inboxAppId();
        if (!inbox.equals(thread.ownerAppId)) {
            throw new EmulatorException(409, "inbox-done: the Inbox does not control this thread (owner: "
                    + (thread.ownerAppId == null ? "none, the thread is idle" : thread.ownerAppId)
                    + "); only a conversation the Inbox controls can be marked Done");
        }
        String target = page.defaultAppId();
        if (inbox.equals(target)) {
            return;
        }
        thread.giveControl(target, now);
        if (target != null) {
            fanout.toApp(target, new HandoverEvent.PassThreadControl(
                    fanout.fromPerson(millis, Channel.MESSAGING), inbox, target, null));
        }
    }

    void read() {
        fanout.toOwnerAndWatchers(channel -> new ReadEvent(fanout.fromPerson(millis, channel), millis));
    }

    void delivered() {
        List<String> delivered = List.copyOf(thread.undeliveredMids);
        thread.undeliveredMids.clear();
        fanout.toOwnerAndWatchers(channel -> new DeliveryEvent(fanout.fromPerson(millis, channel), delivered, millis));
    }

    private void postbackEvent(String payload, String title, Referral referral) {
        String mid = mids.get();
        inbound("postback", mid, title, null);
        fanout.toOwnerAndWatchers(channel -> new PostbackEvent(fanout.fromPerson(millis, channel), mid, title,
                channel == Channel.STANDBY ? null : payload, referral));
    }

    /** Entering a thread after 24 hours without the person: the social or default app gets control, silently. */
    private void enterIfIdle() {
        if (page.conversationRouting() && thread.windowClosed(now)) {
            thread.giveControl(page.entryPointAppId(), now);
        }
    }

    private void inbound(String kind, String mid, String text, String content) {
        thread.transcript.add(new TranscriptLine(Direction.INBOUND, null, kind, mid, text, now, null, content));
    }

    private static String messageContent(PersonMessage message) {
        if (message.quickReplyPayload() == null && message.attachments().isEmpty()) {
            return null;
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        if (message.quickReplyPayload() != null) {
            content.putObject("quick_reply").put("payload", message.quickReplyPayload());
        }
        message.attachments().forEach(attachment -> content.withArray("attachments").addObject()
                .put("type", attachment.type()).putObject("payload").put("url", attachment.url()));
        return content.toString();
    }

    /**
     * A reaction to a message of the thread (the emulator's choice: owner in {@code messaging[]}, watchers on
     * standby, as for reads). The mid must be one of this thread's; the transcript notes it on the person's side.
     */
    void react(String mid, String action, String reaction, String emoji) {
        if (thread.transcript.stream().noneMatch(line -> mid.equals(line.mid()))) {
            throw EmulatorException.badRequest("react: 'mid' " + mid + " is not a message of this conversation");
        }
        if (!action.equals("react") && !action.equals("unreact")) {
            throw EmulatorException.badRequest("react: 'action' must be react or unreact");
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.putObject("reaction").put("mid", mid).put("action", action).put("reaction", reaction)
                .put("emoji", emoji);
        inbound("reaction", null, emoji, content.toString());
        fanout.toOwnerAndWatchers(channel -> new ReactionEvent(fanout.fromPerson(millis, channel), mid, action,
                reaction, emoji));
    }
}
