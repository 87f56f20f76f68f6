package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.spi.AppRole;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@code ConversationApp} makes under Conversation Routing, proved end to end against the
 * emulator through the real transport. Extend it with your app's plugin and settings and say how a person
 * starts (and, optionally, finishes) a conversation with it:
 *
 * <pre>{@code
 * class StoreHoursAppContractTest extends ConversationAppContract {
 *     protected FixtureApp appUnderTest() {
 *         return FixtureApp.of("store-hours", "store-hours", "555", AppRole.CUSTOM).withSettingsYaml("...");
 *     }
 *     protected void startConversation(PageFixture page, FixturePerson person) {
 *         person.openLink("hours");    // with page(...) adding .linkRoute("hours", "store-hours")
 *     }
 * }
 * }</pre>
 *
 * What is proved, for each test on a fresh Page:
 * <ul>
 *   <li>it <b>releases or passes when done</b> (unless it is the Page's default app, which keeps threads);</li>
 *   <li>it <b>survives duplicate webhook deliveries</b>: with Meta's retries simulated (every POST to the app
 *       sent twice) the person sees exactly what a person without duplicates sees;</li>
 *   <li>it <b>survives out-of-order deliveries</b> (POSTs swapped) and still completes;</li>
 *   <li>it <b>survives standby events</b> and says nothing while a human in the Page Inbox owns the thread;</li>
 *   <li>it <b>stays silent after handing the thread back</b>, even when its timers come due;</li>
 *   <li>after every test: Meta (the emulator) refused <b>no call of the app for not owning the thread</b>
 *       (2018300 / 2534037) and no callback of the app threw.</li>
 * </ul>
 */
public abstract class ConversationAppContract {

    private static final Pattern ENTRY_TIME = Pattern.compile("\"time\":\\d+");

    private PageFixture page;

    /** The app under test as the deployment hosts it: plugin, settings, role, Meta app id. */
    protected abstract FixtureApp appUnderTest();

    /** Starts a conversation of {@code person} with the app, so that it owns the thread and has answered. */
    protected abstract void startConversation(PageFixture page, FixturePerson person);

    /**
     * Plays the person's part to the end of the app's flow. By default nothing: the contract then relies on
     * the app finishing by itself within {@link #completionWithin()} of simulated time.
     */
    protected void finishConversation(PageFixture page, FixturePerson person) {}

    /** Simulated time within which the app finishes a conversation whose person went quiet. */
    protected Duration completionWithin() {
        return Duration.ofHours(1);
    }

    /** Whether the app gives the thread away when done: every app but the Page's default app must. */
    protected boolean givesControlAwayWhenDone() {
        return appUnderTest().role() != AppRole.DEFAULT;
    }

    /**
     * The rest of the Page: add the other hosted apps, the default app, link routes. By default the app is
     * alone and the Page Inbox is the default app (or the app itself, when its role is DEFAULT).
     */
    protected PageFixture.Builder page(PageFixture.Builder builder) {
        return builder;
    }

    /** The running fixture of the current test, for subclasses' own extra tests. */
    protected final PageFixture fixture() {
        return page;
    }

    @BeforeEach
    final void startPage() {
        page = page(PageFixture.builder().app(appUnderTest())).start();
    }

    @AfterEach
    final void checkPromisesAndStopPage() {
        try {
            page.awaitQuiet();
            String name = appUnderTest().name();
            assertThat(page.graphCalls().refusedAsNotOwner(page.appId(name)))
                    .as("calls of %s Meta refused because it did not own the thread", name)
                    .isEmpty();
            assertThat(page.handlerFailures(name)).as("callbacks of %s that threw", name).isZero();
        } finally {
            page.close();
        }
    }

    @Test
    void releasesOrPassesWhenDone() {
        FixturePerson person = page.person("7001001");
        startAndCheckOwned(person);

        finishOrWait(person);

        if (givesControlAwayWhenDone()) {
            assertThat(person.isOwnedBy(appName())).as("%s still owns the thread when done", appName()).isFalse();
        }
    }

    @Test
    void survivesDuplicateWebhookDeliveries() {
        FixturePerson reference = page.person("7002001");
        startConversation(page, reference);
        finishConversation(page, reference);

        FixturePerson duplicated = page.person("7002002");
        for (int i = 0; i < 64; i++) {
            page.emulator().faults().duplicateNextDelivery(appId());
        }
        startConversation(page, duplicated);
        finishConversation(page, duplicated);
        page.awaitQuiet();
        page.emulator().faults().clear();

        assertThat(repeatedBodies(page.deliveries(appName()))).as("POSTs the emulator sent twice").isPositive();
        assertThat(duplicated.textsFrom(appName())).as("what the person saw with duplicate deliveries")
                .isEqualTo(reference.textsFrom(appName()));
        assertThat(sameOwnerRole(duplicated.owner(), reference.owner())).as("owner with and without duplicates")
                .isTrue();
    }

    @Test
    void survivesOutOfOrderDeliveries() {
        FixturePerson person = page.person("7003001");
        page.emulator().faults().reorderNextTwoDeliveries(appId());
        startConversation(page, person);
        page.emulator().faults().clear();

        finishOrWait(person);

        if (givesControlAwayWhenDone()) {
            assertThat(person.isOwnedBy(appName())).as("%s still owns the thread when done", appName()).isFalse();
        }
    }

    @Test
    void survivesStandbyEventsAndStaysSilentWhileAHumanOwnsTheThread() {
        FixturePerson person = page.person("7004001");
        startAndCheckOwned(person);
        person.inboxMoveToMain();
        assertThat(person.owner()).as("owner after the Inbox took the thread").isEqualTo(inboxAppId());
        int said = person.textsFrom(appName()).size();
        int deliveriesBefore = page.deliveries(appName()).size();

        person.text("Hello? Is anyone there?");
        person.text("I'd like to talk to a person");
        page.advanceClock(completionWithin());
        person.text("Still here");

        assertThat(person.textsFrom(appName()).size()).as("messages %s sent while the Inbox owned the thread",
                appName()).isEqualTo(said);
        if (appUnderTest().standby()) {
            assertThat(page.deliveries(appName()).subList(deliveriesBefore, page.deliveries(appName()).size()))
                    .as("standby deliveries to %s", appName())
                    .anySatisfy(delivery -> assertThat(delivery.body()).contains("\"standby\""));
        }
        assertThat(person.owner()).isEqualTo(inboxAppId());
    }

    @Test
    void staysSilentAfterHandingTheThreadBack() {
        if (!givesControlAwayWhenDone()) {
            return;
        }
        FixturePerson person = page.person("7005001");
        startAndCheckOwned(person);
        finishOrWait(person);
        int said = person.textsFrom(appName()).size();

        person.text("Thanks!");
        page.advanceClock(completionWithin());
        person.text("One more thing");
        page.advanceClock(Duration.ofHours(25));

        assertThat(person.textsFrom(appName()).size()).as("messages %s sent after handing the thread back",
                appName()).isEqualTo(said);
    }

    /**
     * Whether the app answers the conversation's start and hands the thread on in the same callback (an app
     * that answers one question, like the example's store-hours app). Then the start must leave the thread
     * already given away instead of owned.
     */
    protected boolean answersAndHandsOnAtOnce() {
        return false;
    }

    private void startAndCheckOwned(FixturePerson person) {
        startConversation(page, person);
        boolean owned = person.isOwnedBy(appName());
        if (answersAndHandsOnAtOnce()) {
            assertThat(owned).as("startConversation must leave %s having handed the thread on (owner: %s)",
                    appName(), person.owner()).isFalse();
        } else {
            assertThat(owned).as("startConversation must leave %s owning the thread (owner: %s)", appName(),
                    person.owner()).isTrue();
        }
        assertThat(person.textsFrom(appName())).as("%s's answer to the conversation's start", appName())
                .isNotEmpty();
    }

    private void finishOrWait(FixturePerson person) {
        finishConversation(page, person);
        if (person.isOwnedBy(appName())) {
            page.advanceClock(completionWithin());
        }
    }

    private boolean sameOwnerRole(String owner, String referenceOwner) {
        return owner != null && owner.equals(referenceOwner);
    }

    /** POSTs whose events were all POSTed before (the entry {@code time} of a re-sent POST may differ). */
    private static long repeatedBodies(List<DeliveryRecord> deliveries) {
        Set<String> seen = new HashSet<>();
        return deliveries.stream()
                .map(delivery -> ENTRY_TIME.matcher(delivery.body()).replaceAll(""))
                .filter(events -> !seen.add(events))
                .count();
    }

    private String appName() {
        return appUnderTest().name();
    }

    private String appId() {
        return page.appId(appName());
    }

    private String inboxAppId() {
        return dev.baton.emulator.PageRegistration.inboxAppId(page.emulator().page(page.pageId()).orElseThrow()
                .platform());
    }
}
