package dev.baton.emulator;

import dev.baton.emulator.engine.RoutingEngine;
import java.util.Optional;

/**
 * Acting as one person of one Page. Each action applies the routing rules, queues the webhooks they cause
 * and returns once those were attempted (see {@link Emulator}). A person's first action creates the
 * conversation; {@link #read()}, {@link #delivered()} and the Inbox actions need one to exist.
 */
public final class Person {

    private final Emulator emulator;
    private final RoutingEngine engine;
    private final String pageId;
    private final String psid;

    Person(Emulator emulator, RoutingEngine engine, String pageId, String psid) {
        this.emulator = emulator;
        this.engine = engine;
        this.pageId = pageId;
        this.psid = psid;
    }

    public String psid() {
        return psid;
    }

    /** Taps a Click-to-Message ad (and, with text, sends a first message). */
    public ActionResult adClick(AdClick click) {
        return emulator.await(engine.adClick(pageId, psid, click));
    }

    public ActionResult message(PersonMessage message) {
        return emulator.await(engine.message(pageId, psid, message));
    }

    public ActionResult text(String text) {
        return message(PersonMessage.text(text));
    }

    public ActionResult quickReply(String text, String payload) {
        return message(PersonMessage.quickReply(text, payload));
    }

    /** Taps a button (or the welcome template button). */
    public ActionResult postback(String payload, String title) {
        return emulator.await(engine.postback(pageId, psid, payload, title));
    }

    /**
     * Taps one of the ice breakers the Page's Messenger Profile shows (default locale): a postback with the
     * question as title and its payload, as Meta sends it.
     *
     * @throws EmulatorException (404) when the profile has no ice breaker with that question
     */
    public ActionResult iceBreaker(String question) {
        String payload = engine.setup().iceBreakerPayload(pageId, question).orElseThrow(() ->
                EmulatorException.notFound("page " + pageId + " shows no ice breaker '" + question + "'"));
        return postback(payload, question);
    }

    /** Taps Get Started, optionally arriving through an m.me link with {@code ref}. */
    public ActionResult getStarted(String ref) {
        return emulator.await(engine.getStarted(pageId, psid, ref));
    }

    /** Opens an m.me link with {@code ref}. */
    public ActionResult link(String ref) {
        return emulator.await(engine.link(pageId, psid, ref));
    }

    /** A human replies to this thread in Meta Business Suite Inbox. */
    public ActionResult inboxReply(String text) {
        return emulator.await(engine.inboxReply(pageId, psid, text));
    }

    /** A human moves this thread to the Inbox's Main folder. */
    public ActionResult inboxMoveToMain() {
        return emulator.await(engine.inboxMoveToMain(pageId, psid));
    }

    /**
     * A human marks this conversation Done in Meta Business Suite Inbox: the Inbox gives control to the Page's
     * default app ({@code pass_thread_control}, previous owner the Inbox). Fails with 409 when the Inbox does
     * not control the thread.
     */
    public ActionResult inboxDone() {
        return emulator.await(engine.inboxDone(pageId, psid));
    }

    /**
     * The person reacts to message {@code mid} of this conversation ({@code reaction}: smile, angry, sad, wow,
     * love, like, dislike or other; {@code emoji} as shown): a {@code message_reactions} event.
     */
    public ActionResult react(String mid, String reaction, String emoji) {
        return emulator.await(engine.react(pageId, psid, mid, "react", reaction, emoji));
    }

    /** The person withdraws their reaction from message {@code mid}. */
    public ActionResult unreact(String mid) {
        return emulator.await(engine.react(pageId, psid, mid, "unreact", null, null));
    }

    /** The person reads the conversation: a read receipt up to now. */
    public ActionResult read() {
        return emulator.await(engine.read(pageId, psid));
    }

    /** The person's device received the Page's messages: a delivery receipt for those not yet reported. */
    public ActionResult delivered() {
        return emulator.await(engine.delivered(pageId, psid));
    }

    public Optional<ConversationView> conversation() {
        return emulator.conversation(pageId, psid);
    }

    /** Sets what the User Profile API answers about this person ({@code GET /{psid}}); null clears it. */
    public void setProfile(PersonProfile profile) {
        engine.assets().setProfile(pageId, psid, profile);
    }

    /** The profile set for this person, if any. */
    public Optional<PersonProfile> profile() {
        return engine.assets().profileOf(pageId, psid);
    }
}
