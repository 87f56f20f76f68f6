package dev.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.ReadEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import dev.baton.spi.ThreadOwnership.Source;
import dev.baton.store.memory.InMemoryConversationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnershipTrackerTest {

    private static final String PAGE = "1000";
    private static final HostedApp MARKETING = new HostedApp("marketing", "111", AppRole.MARKETING);
    private static final HostedApp DEFAULT = new HostedApp("default", "222", AppRole.DEFAULT);
    private static final ConversationKey ALICE = new ConversationKey(PAGE, "5001");
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OwnershipTracker tracker =
            new OwnershipTracker(PAGE, "222", List.of("111", "222"), store, clock, registry);
    private final List<ConversationKey> lookups = new ArrayList<>();

    private Optional<ThreadOwnerAnswer> meta(ConversationKey key, ThreadOwnerAnswer answer) {
        lookups.add(key);
        return Optional.ofNullable(answer);
    }

    private static EventHeader header(Channel channel) {
        return new EventHeader(PAGE, "5001", PAGE, START.toEpochMilli(), channel);
    }

    private static MessageEvent message(Channel channel) {
        return new MessageEvent(header(channel), Message.text("mid.1", "hi"));
    }

    private double lookupsFrom(String source) {
        var counter = registry.find("baton.ownership.lookups").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aMessagingEventMeansTheAppOwnsAndIsAnsweredFromMemory() {
        tracker.beforeHandle(MARKETING, message(Channel.MESSAGING));
        ThreadOwnership owner = tracker.owner(ALICE, "111", key -> meta(key, null));
        assertThat(owner.ownerAppId()).isEqualTo("111");
        assertThat(owner.source()).isEqualTo(Source.MESSAGING_EVENT);
        assertThat(owner.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(lookups).isEmpty();
        assertThat(lookupsFrom("memory")).isEqualTo(1);
        assertThat(store.ownership(ALICE).orElseThrow().ownerAppId()).isEqualTo("111");
    }

    @Test
    void aStandbyEventMeansSomeoneElseForThatAppOnly() {
        tracker.beforeHandle(MARKETING, message(Channel.STANDBY));
        ThreadOwnership forMarketing = tracker.owner(ALICE, "111", key -> meta(key, null));
        assertThat(forMarketing.isOwnedBy("111")).isFalse();
        assertThat(forMarketing.source()).isEqualTo(Source.STANDBY_EVENT);
        assertThat(lookups).isEmpty();
        // The default app cannot conclude anything from the marketing app's standby: it asks Meta.
        ThreadOwnership forDefault = tracker.owner(ALICE, "222", key -> meta(key, new ThreadOwnerAnswer("222", null)));
        assertThat(forDefault.ownerAppId()).isEqualTo("222");
        assertThat(forDefault.source()).isEqualTo(Source.GRAPH_LOOKUP);
        assertThat(lookups).hasSize(1);
        assertThat(lookupsFrom("meta")).isEqualTo(1);
    }

    @Test
    void standbyForOneAppKeepsAKnownOtherOwner() {
        tracker.beforeHandle(DEFAULT, message(Channel.MESSAGING));
        tracker.beforeHandle(MARKETING, message(Channel.STANDBY));
        assertThat(tracker.owner(ALICE, "111", key -> meta(key, null)).ownerAppId()).isEqualTo("222");
        assertThat(lookups).isEmpty();
    }

    @Test
    void handoverEventsNameTheNewOwner() {
        tracker.beforeHandle(MARKETING, message(Channel.MESSAGING));
        tracker.beforeHandle(DEFAULT, new HandoverEvent.PassThreadControl(header(Channel.MESSAGING), "111", "222", "m"));
        assertThat(tracker.fromMemory(ALICE).orElseThrow())
                .extracting(ThreadOwnership::ownerAppId, ThreadOwnership::source).containsExactly("222", Source.HANDOVER_EVENT);
        tracker.beforeHandle(DEFAULT, new HandoverEvent.TakeThreadControl(header(Channel.MESSAGING), "222",
                KnownApps.PAGE_INBOX, null));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);
    }

    @Test
    void anInboxEchoMeansAHumanTookControlButReadsChangeNothing() {
        tracker.beforeHandle(DEFAULT, message(Channel.MESSAGING));
        tracker.beforeHandle(DEFAULT, new ReadEvent(new EventHeader(PAGE, "5001", PAGE, START.toEpochMilli(),
                Channel.MESSAGING), START.toEpochMilli()));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo("222");
        tracker.beforeHandle(DEFAULT, new EchoEvent(new EventHeader(PAGE, PAGE, "5001", START.toEpochMilli(),
                Channel.STANDBY), Message.text("mid.2", "agent here"), KnownApps.PAGE_INBOX, null));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);
    }

    @Test
    void aStandbyEchoOlderThanThePassThatFollowedItDoesNotUndoThePass() {
        // The marketing app replied (echo to the default app on standby at t) and then passed (t + 5 ms); the
        // default app's two POSTs arrived swapped.
        long t = START.toEpochMilli();
        tracker.beforeHandle(DEFAULT, new HandoverEvent.PassThreadControl(
                new EventHeader(PAGE, "5001", PAGE, t + 5, Channel.MESSAGING), "111", "222", null));
        tracker.beforeHandle(DEFAULT, new EchoEvent(new EventHeader(PAGE, PAGE, "5001", t, Channel.STANDBY),
                Message.text("mid.3", "bye"), "111", null));
        assertThat(tracker.owner(ALICE, "222", key -> meta(key, null)).isOwnedBy("222")).isTrue();
        assertThat(lookups).isEmpty();
        // A later standby event still counts: someone took the thread since.
        tracker.beforeHandle(DEFAULT, new MessageEvent(new EventHeader(PAGE, "5001", PAGE, t + 9, Channel.STANDBY),
                Message.text("mid.4", "hello?")));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isNull();
    }

    @Test
    void aHandoverOlderThanTheKnownOneIsStaleAndAnEventInTheSameMillisecondDoesNotUndoAnOwnAction() {
        long t = START.toEpochMilli();
        tracker.beforeHandle(DEFAULT, new HandoverEvent.TakeThreadControl(
                new EventHeader(PAGE, "5001", PAGE, t + 10, Channel.MESSAGING), "222", KnownApps.PAGE_INBOX, null));
        tracker.beforeHandle(DEFAULT, new HandoverEvent.PassThreadControl(
                new EventHeader(PAGE, "5001", PAGE, t + 2, Channel.MESSAGING), "111", "222", null));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);

        tracker.recordOwnAction(ALICE, "222", "111"); // at START on the tracker's clock
        tracker.beforeHandle(DEFAULT, message(Channel.MESSAGING)); // stamped START too: sent before the pass
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo("111");
        // A handover is never held against our own clock: Meta's may lag behind it.
        tracker.beforeHandle(DEFAULT, new HandoverEvent.PassThreadControl(
                new EventHeader(PAGE, "5001", PAGE, t - 3, Channel.MESSAGING), "111", "222", null));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo("222");
    }

    @Test
    void theEchoOfOurOwnReplyHandledAfterOurPassToTheInboxDoesNotBringTheOwnerBack() {
        // The default app says "connecting you" (echo stamped +20 ms) and passes to the Inbox (+40 ms); the echo
        // reaches the conversation's lane only after the handler returned.
        tracker.beforeHandle(DEFAULT, message(Channel.MESSAGING));
        now.set(START.plusMillis(40));
        tracker.recordOwnAction(ALICE, "222", KnownApps.PAGE_INBOX);
        tracker.beforeHandle(DEFAULT, new EchoEvent(new EventHeader(PAGE, PAGE, "5001", START.toEpochMilli() + 20,
                Channel.MESSAGING), Message.text("mid.5", "connecting you"), "222", null));
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);
    }

    @Test
    void anOwnerMadeUnknownIsAskedOfMetaNotTakenFromTheStore() {
        tracker.beforeHandle(DEFAULT, message(Channel.MESSAGING));
        tracker.ownerUnknown(ALICE);
        assertThat(tracker.fromMemory(ALICE)).isEmpty();
        ThreadOwnership owner = tracker.owner(ALICE, "222",
                key -> meta(key, new ThreadOwnerAnswer(KnownApps.PAGE_INBOX, null)));
        assertThat(owner.ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);
        assertThat(lookups).containsExactly(ALICE);
    }

    @Test
    void ownActionsChangeTheOwner() {
        tracker.beforeHandle(MARKETING, message(Channel.MESSAGING));
        tracker.recordOwnAction(ALICE, "111", null);
        assertThat(tracker.fromMemory(ALICE).orElseThrow())
                .extracting(ThreadOwnership::ownerAppId, ThreadOwnership::source).containsExactly("222", Source.OWN_ACTION);
        tracker.recordOwnAction(ALICE, "222", KnownApps.PAGE_INBOX);
        assertThat(tracker.fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(KnownApps.PAGE_INBOX);
    }

    @Test
    void releaseWithoutAKnownDefaultAppOnlyMeansNotUs() {
        OwnershipTracker noDefault = new OwnershipTracker(PAGE, null, List.of("111"), store, clock, registry);
        noDefault.recordOwnAction(ALICE, "111", null);
        ThreadOwnership owner = noDefault.owner(ALICE, "111", key -> meta(key, null));
        assertThat(owner.ownerAppId()).isNull();
        assertThat(owner.isOwnedBy("111")).isFalse();
        assertThat(lookups).isEmpty();
    }

    @Test
    void anExpiredEntryIsNotTrustedAndMetaIsAsked() {
        tracker.beforeHandle(MARKETING, message(Channel.MESSAGING));
        now.set(START.plus(Duration.ofHours(25)));
        Instant expiration = START.plus(Duration.ofHours(30));
        ThreadOwnership owner = tracker.owner(ALICE, "111",
                key -> meta(key, new ThreadOwnerAnswer("222", expiration)));
        assertThat(owner.ownerAppId()).isEqualTo("222");
        assertThat(owner.expiresAt()).isEqualTo(expiration);
        assertThat(tracker.owner(ALICE, "111", key -> meta(key, null)).ownerAppId()).isEqualTo("222");
        assertThat(lookups).hasSize(1);
        assertThat(lookupsFrom("meta")).isEqualTo(1);
        assertThat(lookupsFrom("memory")).isEqualTo(1);
    }

    @Test
    void anIdleThreadAnswerIsRememberedAsNoOwner() {
        ThreadOwnership owner = tracker.owner(ALICE, "111", key -> meta(key, null));
        assertThat(owner.ownerAppId()).isNull();
        assertThat(owner.source()).isEqualTo(Source.GRAPH_LOOKUP);
        assertThat(tracker.owner(ALICE, "222", key -> meta(key, null)).isOwnedBy("222")).isFalse();
        assertThat(lookups).hasSize(1);
    }

    @Test
    void afterARestartTheStoreAnswersBeforeMeta() {
        tracker.beforeHandle(MARKETING, message(Channel.MESSAGING));
        OwnershipTracker restarted = new OwnershipTracker(PAGE, "222", List.of("111", "222"), store, clock, registry);
        assertThat(restarted.owner(ALICE, "222", key -> meta(key, null)).ownerAppId()).isEqualTo("111");
        assertThat(lookups).isEmpty();
        assertThat(lookupsFrom("store")).isEqualTo(1);
    }

    @Test
    void nonNumericUserIdsAndOtherPagesAreTrackedToo() {
        ConversationKey odd = new ConversationKey("other-page", "user-x");
        tracker.recordOwnAction(odd, "111", "111");
        assertThat(tracker.fromMemory(odd).orElseThrow().ownerAppId()).isEqualTo("111");
        assertThat(tracker.fromMemory(new ConversationKey("other-page", "user-y"))).isEmpty();
        assertThat(tracker.trackedConversations()).isEqualTo(1);
    }
}
