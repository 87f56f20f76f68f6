package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.ConversationView;
import dev.baton.emulator.TranscriptLine;
import dev.baton.emulator.TranscriptLine.Direction;
import dev.baton.reliability.FaultRecord.Attempt;
import dev.baton.reliability.FaultRecord.Kind;
import dev.baton.reliability.FaultRecord.Outcome;
import dev.baton.reliability.FaultRecord.OwnerAnswer;
import dev.baton.spi.ThreadOwnership;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end-of-run checks of the fault suite, every one against the emulator's own state (Meta's truth): the
 * transcript of each person, the thread owner, the deliveries. Called after the deployment settled and every
 * injected fault was used.
 */
final class FaultChecks {

    private static final Set<String> HOSTED = Set.of(FaultPage.CONCIERGE_ID, FaultPage.CAMPAIGNS_ID);

    private final FaultPage page;
    /** How the last {@link #all()}'s owner checks were answered: from memory, or by asking Meta. */
    double ownerChecksFromMemory;
    double ownerChecksFromMeta;

    FaultChecks(FaultPage page) {
        this.page = page;
    }

    void all() throws Exception {
        page.settle();
        assertThat(page.emulator.faults().pending())
                .as("every injected fault was used")
                .isEqualTo(Map.of("webhooks", Map.of(), "graph", List.of(), "failing_deliveries", Map.of()));
        List<ConversationView> conversations = page.emulator.conversations(FaultPage.PAGE);
        for (ConversationView conversation : conversations) {
            repliesArrivedInOrder(conversation);
            everyMessageAndEchoReachedEachAppOnce(conversation);
        }
        noEventReachedAHandlerTwice();
        double fromMemory = lookups("memory");
        double fromMeta = lookups("meta");
        for (ConversationView conversation : conversations) {
            ownerMatchesMeta(conversation.psid());
        }
        ownerChecksFromMemory = lookups("memory") - fromMemory;
        ownerChecksFromMeta = lookups("meta") - fromMeta;
        assertThat(ownerChecksFromMemory).as("owner checks the tracker answered without asking Meta").isPositive();
        assertThat(page.status("/health/ready")).as("/health/ready").isEqualTo(200);
        assertThat(page.stores.journal().pending()).as("batches left pending in the journal").isEmpty();
    }

    /**
     * The person saw the apps' replies in the order the apps sent them; a reply the client reported as failed
     * is absent, one whose outcome it reported unknown (timed out) is there at most once, every other is there.
     */
    private void repliesArrivedInOrder(ConversationView conversation) {
        List<Attempt> sends = page.record.attemptsFor(conversation.psid()).stream()
                .filter(attempt -> attempt.kind() == Kind.SEND).toList();
        List<TranscriptLine> fromApps = conversation.transcript().stream()
                .filter(line -> line.direction() == Direction.OUTBOUND && HOSTED.contains(line.appId())).toList();
        List<String> seen = new ArrayList<>(fromApps.stream().map(TranscriptLine::text).toList());
        for (Attempt unknown : sends.stream().filter(attempt -> attempt.outcome() == Outcome.UNKNOWN).toList()) {
            assertThat(Collections.frequency(seen, unknown.subject()))
                    .as("a timed-out send is never retried: %s", unknown).isLessThanOrEqualTo(1);
            seen.remove(unknown.subject());
        }
        for (Attempt failed : sends.stream().filter(attempt -> attempt.outcome() == Outcome.FAILED).toList()) {
            assertThat(seen).as("a send the client reported failed never reached %s", conversation.psid())
                    .doesNotContain(failed.subject());
        }
        List<String> done = sends.stream().filter(attempt -> attempt.outcome() == Outcome.DONE)
                .map(Attempt::subject).toList();
        assertThat(seen).as("replies %s saw, in order", conversation.psid()).containsExactlyElementsOf(done);
        for (Attempt sent : sends.stream().filter(attempt -> attempt.outcome() == Outcome.DONE).toList()) {
            assertThat(fromApps).as("the mid Meta answered for %s", sent)
                    .anyMatch(line -> line.text().equals(sent.subject()) && line.mid().equals(sent.mid())
                            && line.appId().equals(appId(sent.appName())));
        }
    }

    /** Both apps watch on standby, so each of them was handed every message and every echo, exactly once. */
    private void everyMessageAndEchoReachedEachAppOnce(ConversationView conversation) {
        for (String app : List.of(FaultPage.CONCIERGE, FaultPage.CAMPAIGNS)) {
            Map<String, Integer> seen = page.record.seenBy(app);
            for (TranscriptLine line : conversation.transcript()) {
                if (line.mid() == null) {
                    continue;
                }
                String key = (line.direction() == Direction.INBOUND ? "message:" : "echo:") + line.mid();
                assertThat(seen.get(key)).as("%s handed %s (%s: %s) once", app, key, conversation.psid(), line.text())
                        .isEqualTo(1);
            }
        }
    }

    private void noEventReachedAHandlerTwice() {
        for (String app : List.of(FaultPage.CONCIERGE, FaultPage.CAMPAIGNS)) {
            assertThat(page.record.seenBy(app)).as("events handed to %s more than once", app)
                    .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        }
    }

    /**
     * What Baton says about the owner agrees with Meta: the tracker's memory names the true owner or none, and
     * {@code Conversation.owner()} asked by each hosted app answers "you own it" exactly when Meta says so
     * (and names the true owner when it names one).
     */
    private void ownerMatchesMeta(String psid) throws Exception {
        String truth = page.emulator.conversation(FaultPage.PAGE, psid).orElseThrow().ownerAppId();
        Optional<ThreadOwnership> remembered = page.ownership().fromMemory(FaultPage.key(psid));
        remembered.map(ThreadOwnership::ownerAppId).ifPresent(owner ->
                assertThat(owner).as("the tracker's memory of %s's owner", psid).isEqualTo(truth));
        for (String app : List.of(FaultPage.CONCIERGE, FaultPage.CAMPAIGNS)) {
            page.page.deployment().trigger(app).fire(FaultPage.key(psid), FaultRecorderPlugin.OWNER_CHECK);
            OwnerAnswer[] answer = new OwnerAnswer[1];
            assertThat(FaultPage.poll(() -> (answer[0] = page.record.takeOwnerAnswer(app, psid)) != null))
                    .as("%s answered the owner check of %s", app, psid).isTrue();
            assertThat(answer[0].ownedByAsker()).as("%s thinks it owns %s's thread (Meta: %s)", app, psid, truth)
                    .isEqualTo(appId(app).equals(truth));
            if (answer[0].ownerAppId() != null) {
                assertThat(answer[0].ownerAppId()).as("owner of %s as %s sees it", psid, app).isEqualTo(truth);
            }
        }
    }

    private double lookups(String source) {
        Counter counter = page.page.registry().find("baton.ownership.lookups").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String appId(String appName) {
        return FaultPage.CONCIERGE.equals(appName) ? FaultPage.CONCIERGE_ID : FaultPage.CAMPAIGNS_ID;
    }
}
