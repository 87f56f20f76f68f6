package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AdClick;
import dev.baton.emulator.ConversationView;
import dev.baton.emulator.Person;
import dev.baton.emulator.PersonMessage;
import dev.baton.emulator.TranscriptLine;
import java.util.List;
import java.util.function.Supplier;

/**
 * Acting as one person of the fixture's Page. Every action goes through the emulator (which routes it and
 * POSTs the signed webhooks to the deployment) and returns once the deployment has handled everything it
 * caused, so the next line of a test sees the apps' answers. Not thread-safe: one test thread per person.
 */
public final class FixturePerson {

    private final PageFixture page;
    private final Person person;

    FixturePerson(PageFixture page, Person person) {
        this.page = requireNonNull(page, "page is null");
        this.person = requireNonNull(person, "person is null");
    }

    public String psid() {
        return person.psid();
    }

    /** Taps a Click-to-Message ad whose {@code receiving_app_id} is the hosted app {@code receivingAppName}. */
    public ActionResult tapAd(String adId, String receivingAppName) {
        return adClick(AdClick.of(adId, page.appId(receivingAppName)));
    }

    public ActionResult adClick(AdClick click) {
        return settled(() -> person.adClick(click));
    }

    public ActionResult text(String text) {
        return settled(() -> person.text(text));
    }

    public ActionResult quickReply(String title, String payload) {
        return settled(() -> person.quickReply(title, payload));
    }

    public ActionResult message(PersonMessage message) {
        return settled(() -> person.message(message));
    }

    public ActionResult postback(String payload, String title) {
        return settled(() -> person.postback(payload, title));
    }

    public ActionResult getStarted(String ref) {
        return settled(() -> person.getStarted(ref));
    }

    public ActionResult openLink(String ref) {
        return settled(() -> person.link(ref));
    }

    /** A human answers in Meta Business Suite Inbox (the Inbox takes control). */
    public ActionResult inboxReply(String text) {
        return settled(() -> person.inboxReply(text));
    }

    /** A human moves the thread to the Inbox's Main folder (the Inbox takes control). */
    public ActionResult inboxMoveToMain() {
        return settled(person::inboxMoveToMain);
    }

    /**
     * A human marks the conversation Done in the Inbox: the Page's default app gets control with
     * {@code pass_thread_control} from the Inbox (emulator rule 8). Fails when the Inbox does not control it.
     */
    public ActionResult inboxDone() {
        return settled(person::inboxDone);
    }

    public ActionResult read() {
        return settled(person::read);
    }

    public ConversationView conversation() {
        return person.conversation().orElseThrow(() ->
                new AssertionError("person " + psid() + " has no conversation with the Page yet"));
    }

    /** The app id owning the thread now, as the emulator (Meta) sees it; null only when idle without a default app. */
    public String owner() {
        return conversation().ownerAppId();
    }

    /** True when the hosted app {@code appName} owns the thread, as the emulator sees it. */
    public boolean isOwnedBy(String appName) {
        return page.appId(appName).equals(owner());
    }

    public List<TranscriptLine> transcript() {
        return conversation().transcript();
    }

    /** The texts the hosted app {@code appName} sent this person, in order. */
    public List<String> textsFrom(String appName) {
        String appId = page.appId(appName);
        return transcript().stream()
                .filter(line -> line.direction() == TranscriptLine.Direction.OUTBOUND && appId.equals(line.appId()))
                .map(TranscriptLine::text)
                .toList();
    }

    private ActionResult settled(Supplier<ActionResult> action) {
        ActionResult result = action.get();
        page.awaitIdle();
        return result;
    }
}
