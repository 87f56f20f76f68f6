package dev.baton.emulator.engine;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.emulator.TranscriptLine.Direction;
import dev.baton.event.Attachment;
import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Send API call by one app on one thread: window, ownership (with take-over for apps allowed to), the
 * echo to subscribed apps, a transcript line, then the {@code thread_control} change. Everything is checked
 * before anything changes, so a refused call leaves the thread as it was.
 */
final class SendRules {

    private final PageState page;
    private final ThreadState thread;
    private final Instant now;
    private final Fanout fanout;
    private final Supplier<String> mids;

    SendRules(PageState page, ThreadState thread, Instant now, Fanout fanout, Supplier<String> mids) {
        this.page = page;
        this.thread = thread;
        this.now = now;
        this.fanout = fanout;
        this.mids = mids;
    }

    Map<String, Object> send(AppRegistration caller, SendCall call) {
        TranscriptLine.Persona persona = persona(call.personaId());
        List<Attachment> attachments = SentAttachments.resolve(page.assets, call.attachments());
        if (thread.windowClosed(now) && !(call.humanAgent() && thread.withinHumanAgentWindow(now))) {
            throw GraphError.outsideWindow().exception();
        }
        boolean owns = thread.ownerAppId == null ? !page.conversationRouting() : thread.ownerAppId.equals(caller.id());
        // The seed: an app using the HUMAN_AGENT tag cannot take control from another app.
        if (!owns && (call.humanAgent() || !caller.canTakeControl())) {
            throw GraphError.anotherAppControls().exception();
        }
        ThreadControlRules control = new ThreadControlRules(page, thread, now, fanout);
        String previousOwner = thread.ownerAppId;
        if (call.threadControl() != null) {
            checkThreadControl(control, caller, call.threadControl(), owns);
        }
        if (!owns) {
            thread.giveControl(caller.id(), now);
            fanout.toApp(previousOwner, new HandoverEvent.TakeThreadControl(
                    fanout.fromPerson(now.toEpochMilli(), Channel.MESSAGING), previousOwner, caller.id(), null));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("recipient_id", thread.psid);
        if (call.hasMessage()) {
            String mid = mids.get();
            echo(caller, call, attachments, persona, mid);
            answer.put("message_id", mid);
            SentAttachments.saveReusable(page.assets, call.attachments()).ifPresent(id -> answer.put("attachment_id", id));
        }
        if (call.threadControl() != null) {
            if (call.threadControl().pass()) {
                control.pass(caller.id(), call.threadControl().targetAppId(), null);
            } else if (thread.ownerAppId != null) {
                control.release(caller.id());
            }
        }
        return answer;
    }

    private void checkThreadControl(ThreadControlRules control, AppRegistration caller, ThreadControlField field,
                                    boolean owns) {
        if (field.targetAppId() != null && !page.isConnected(field.targetAppId())) {
            throw GraphError.invalidParameter("thread_control[app_id] " + field.targetAppId()
                    + " is not an app connected to this Page").exception();
        }
        // A send that takes control first is checked as its new owner would be.
        String ownerAfterSend = owns ? thread.ownerAppId : caller.id();
        if (field.pass()) {
            control.checkPass(caller.id(), field.targetAppId(), ownerAfterSend);
        } else if (ownerAfterSend != null && !ownerAfterSend.equals(caller.id())) {
            throw GraphError.notThreadOwner().exception();
        }
    }

    /** The Page's persona named by {@code persona_id}, checked before anything changes; null when none. */
    private TranscriptLine.Persona persona(String personaId) {
        if (personaId == null) {
            return null;
        }
        PageAssets.Persona persona = page.assets.persona(personaId).orElseThrow(() -> GraphError.invalidParameter(
                "param persona_id " + personaId + " is not a persona of this Page").exception());
        return new TranscriptLine.Persona(persona.id(), persona.name(), persona.profilePictureUrl());
    }

    private void echo(AppRegistration caller, SendCall call, List<Attachment> attachments,
                      TranscriptLine.Persona persona, String mid) {
        long millis = now.toEpochMilli();
        thread.transcript.add(new TranscriptLine(Direction.OUTBOUND, caller.id(), "message", mid, call.text(), now,
                persona, call.messageJson()));
        thread.undeliveredMids.add(mid);
        thread.lastOutboundMillis = millis;
        Message message = new Message(mid, call.text(), null, attachments, null, null);
        fanout.toOwnerAndWatchers(channel -> new EchoEvent(fanout.fromPage(millis, channel), message, caller.id(),
                call.metadata()));
    }
}
