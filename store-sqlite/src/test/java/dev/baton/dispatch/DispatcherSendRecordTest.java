package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.graph.error.MetaError;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.graph.error.RecipientUnavailableException;
import dev.baton.graph.error.SendTimedOutException;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import dev.baton.spi.HostedApp;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.ThreadOwnership;
import dev.baton.store.sqlite.SqliteStores;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send record on the real SQLite stores across a simulated crash: the first run's callback makes some
 * calls, then the process "dies" (the outbound throws an {@link Error} standing for the kill, and the journal
 * never hears {@code markDone}); the stores are closed and reopened and the event is redelivered. Calls the
 * first run completed are answered from the record (same message id, same Meta error) without reaching the
 * outbound; only the calls past the last record go out.
 */
class DispatcherSendRecordTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    @TempDir
    Path dir;

    /** Stands for SIGKILL in the middle of a call: not a RuntimeException, so nothing records it. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private SqliteStores open() {
        return SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(), new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    /** One run of a dispatcher over {@code stores}; {@code dying}: the journal forgets every markDone. */
    private SimpleMeterRegistry runOnce(SqliteStores stores, ConversationApp app, Outbound outbound,
            boolean dying) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventJournal journal = dying ? new ForgetfulJournal(stores.journal()) : stores.journal();
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, outbound))
                .journal(journal).store(stores.store()).registry(registry).build();
        try {
            dispatcher.start();
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(20))).isTrue();
        } finally {
            dispatcher.close();
        }
        return registry;
    }

    private void append(SqliteStores stores, WebhookBatch batch) {
        stores.journal().append("shop", new WebhookWriter().write(batch), Instant.EPOCH, batch.events().size()).join();
    }

    private ConversationApp app(BiConsumer<MessageEvent, Conversation> onMessage) {
        return new ConversationApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                onMessage.accept(event, conversation);
            }
        };
    }

    @Test
    void aReplyThatCompletedIsNotSentAgainAndOnlyThePassGoesOut() {
        ConversationApp replyThenPass = app((event, conversation) -> {
            SendResponse reply = conversation.reply("thanks, handing you on");
            seen.add(conversation.redelivered() + ":" + reply.messageId());
            conversation.passTo("263902037430900", "lead");
            seen.add(conversation.redelivered() + ":passed");
        });
        Scripted first = new Scripted(OK, KILL);
        RecordingOutbound second = new RecordingOutbound();
        try (SqliteStores crashed = open()) {
            append(crashed, TestEvents.batch(message("100", "alice", "m1", "hi", 1)));
            runOnce(crashed, replyThenPass, first, true);
        }
        assertThat(first.recorded.sentTexts()).containsExactly("thanks, handing you on");
        assertThat(first.recorded.passes()).isEmpty();

        SimpleMeterRegistry registry;
        try (SqliteStores restarted = open()) {
            registry = runOnce(restarted, replyThenPass, second, false);
        }
        assertThat(second.sends()).as("the reply Meta answered is not sent again").isEmpty();
        assertThat(second.passes()).extracting(RecordingOutbound.Passed::targetAppId).containsExactly("263902037430900");
        assertThat(seen).containsExactly("false:m_rec_1", "true:m_rec_1", "true:passed");
        assertThat(registry.get("baton.dispatch.calls.replayed").tag("app", "shop").counter().count()).isEqualTo(1);

        try (SqliteStores again = open()) {
            assertThat(again.journal().pending()).as("done after the redelivery").isEmpty();
        }
    }

    @Test
    void aMetaErrorTheFirstRunGotIsThrownAgainFromTheRecord() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        ConversationApp app = app((event, conversation) -> {
            try {
                conversation.reply("first");
            } catch (RecipientUnavailableException e) {
                outcomes.add(conversation.redelivered() + ":" + e.code() + "/" + e.subcode());
            }
            try {
                conversation.passTo("263902037430900", null);
            } catch (NotThreadOwnerException e) {
                outcomes.add(conversation.redelivered() + ":not owner");
            }
            conversation.reply("second");
        });
        MetaError unavailable = new MetaError(400, "This person isn't available right now.", "OAuthException", 551,
                1545041, "trace", null, null);
        MetaError notOwner = new MetaError(400, "not the owner", "OAuthException", 10, 2018300, "trace2", null, null);
        // First run: both calls refused by Meta, then killed while sending "second".
        Scripted first = new Scripted(() -> new RecipientUnavailableException("messages", unavailable),
                () -> new NotThreadOwnerException("pass_thread_control", notOwner), KILL);
        try (SqliteStores crashed = open()) {
            append(crashed, TestEvents.batch(message("100", "bob", "m2", "hi", 1)));
            runOnce(crashed, app, first, true);
        }
        RecordingOutbound second = new RecordingOutbound();
        try (SqliteStores restarted = open()) {
            runOnce(restarted, app, second, false);
        }
        assertThat(outcomes).containsExactly("false:551/1545041", "false:not owner", "true:551/1545041",
                "true:not owner");
        assertThat(second.calls()).as("only the call past the record").hasSize(1);
        assertThat(second.sentTexts()).containsExactly("second");
    }

    @Test
    void aCallWhoseAnswerNeverCameIsNotMadeAgain() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        ConversationApp app = app((event, conversation) -> {
            try {
                conversation.reply("maybe delivered");
            } catch (SendTimedOutException e) {
                outcomes.add(conversation.redelivered() + ":timed out");
            }
            conversation.release("done");
        });
        Scripted first = new Scripted(() -> new SendTimedOutException("messages", new java.io.IOException("slow")),
                KILL);
        try (SqliteStores crashed = open()) {
            append(crashed, TestEvents.batch(message("100", "carol", "m3", "hi", 1)));
            runOnce(crashed, app, first, true);
        }
        RecordingOutbound second = new RecordingOutbound();
        try (SqliteStores restarted = open()) {
            runOnce(restarted, app, second, false);
        }
        assertThat(outcomes).containsExactly("false:timed out", "true:timed out");
        assertThat(second.sends()).as("Meta may have delivered it: not sent again").isEmpty();
        assertThat(second.releases()).hasSize(1);
    }

    @Test
    void aCallRefusedBeforeItReachedMetaIsMadeAgain() {
        ConversationApp app = app((event, conversation) -> {
            try {
                conversation.reply("queued");
            } catch (dev.baton.graph.error.RateLimitQueueFullException e) {
                seen.add("refused locally");
            }
            conversation.reply("after");
        });
        Scripted first = new Scripted(() -> new dev.baton.graph.error.RateLimitQueueFullException("page", 1000),
                KILL);
        try (SqliteStores crashed = open()) {
            append(crashed, TestEvents.batch(message("100", "dan", "m4", "hi", 1)));
            runOnce(crashed, app, first, true);
        }
        RecordingOutbound second = new RecordingOutbound();
        try (SqliteStores restarted = open()) {
            runOnce(restarted, app, second, false);
        }
        assertThat(second.sentTexts()).as("nothing was sent the first time: both go out now")
                .containsExactly("queued", "after");
    }

    @Test
    void aHandlerThatAsksSomethingElseOnRedeliveryStopsUsingTheRecordFromThere() {
        int[] run = {0};
        ConversationApp app = app((event, conversation) -> {
            conversation.reply("hello");
            conversation.reply(run[0] == 0 ? "it is morning" : "it is evening"); // depends on time
            conversation.reply("bye");
        });
        Scripted first = new Scripted(OK, OK, KILL);
        try (SqliteStores crashed = open()) {
            append(crashed, TestEvents.batch(message("100", "erin", "m5", "hi", 1)));
            runOnce(crashed, app, first, true);
        }
        run[0] = 1;
        RecordingOutbound second = new RecordingOutbound();
        SimpleMeterRegistry registry;
        try (SqliteStores restarted = open()) {
            registry = runOnce(restarted, app, second, false);
        }
        assertThat(first.recorded.sentTexts()).containsExactly("hello", "it is morning");
        assertThat(second.sentTexts()).as("the matching first call is not repeated; from the first mismatch on, "
                + "calls go to Meta").containsExactly("it is evening", "bye");
        assertThat(registry.get("baton.dispatch.calls.diverged").tag("app", "shop").counter().count()).isEqualTo(1);
    }

    @Test
    void aLiveEventNeverReadsTheRecord() {
        List<String> written = new CopyOnWriteArrayList<>();
        ConversationStore store = new ConversationStoreWrapper(new dev.baton.store.memory.InMemoryConversationStore()) {
            @Override
            public List<RecordedCall> recordedCalls(String appName, String claimant) {
                throw new AssertionError("a live event read the send record");
            }

            @Override
            public void recordCall(String appName, String claimant, RecordedCall call) {
                written.add(appName + "/" + claimant + "/" + call.seq());
                super.recordCall(appName, claimant, call);
            }
        };
        RecordingOutbound outbound = new RecordingOutbound();
        EventJournal journal = new dev.baton.store.memory.InMemoryEventJournal();
        Dispatcher dispatcher = Dispatcher.builder()
                .target(new DispatchTarget(SHOP, app((event, conversation) -> conversation.reply("hi")), outbound))
                .journal(journal).store(store).registry(new SimpleMeterRegistry()).build();
        long batchId;
        try {
            dispatcher.start();
            WebhookBatch batch = TestEvents.batch(message("100", "fay", "m6", "hi", 1));
            batchId = journal.append("shop", new WebhookWriter().write(batch), Instant.EPOCH).join();
            dispatcher.enqueue("shop", batch, batchId, dispatcher.admit(1));
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        } finally {
            dispatcher.close();
        }
        assertThat(outbound.sentTexts()).containsExactly("hi");
        assertThat(written).as("recorded, for a redelivery that never came").containsExactly("shop/" + batchId + ":0/1");
    }

    /**
     * An outbound that does what {@link RecordingOutbound} does, except that call {@code n} (from 0) throws what
     * the script's entry {@code n} makes; a null entry lets the call through, calls past the script go through.
     */
    private static final class Scripted implements dev.baton.dispatch.Outbound {
        final RecordingOutbound recorded = new RecordingOutbound();
        private final List<Step> script;
        private int call;

        Scripted(Step... script) {
            this.script = java.util.Arrays.asList(script);
        }

        private void next() {
            int n = call++;
            Step failure = n < script.size() ? script.get(n) : null;
            if (failure == null) {
                return;
            }
            Throwable thrown = failure.make();
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) thrown;
        }

        @Override
        public SendResponse send(ConversationKey conversation, SendRequest request) {
            next();
            return recorded.send(conversation, request);
        }

        @Override
        public void pass(ConversationKey conversation, String targetAppId, String metadata) {
            next();
            recorded.pass(conversation, targetAppId, metadata);
        }

        @Override
        public void release(ConversationKey conversation, String metadata) {
            next();
            recorded.release(conversation, metadata);
        }

        @Override
        public ThreadOwnership owner(ConversationKey conversation) {
            return recorded.owner(conversation);
        }
    }

    /** What one call of a {@link Scripted} outbound throws. */
    interface Step {
        Throwable make();
    }

    private static final Step OK = null;
    private static final Step KILL = Killed::new;

    /** Every method to {@code delegate}; a test overrides what it watches. */
    private static class ConversationStoreWrapper implements ConversationStore {
        private final ConversationStore delegate;

        ConversationStoreWrapper(ConversationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<ThreadOwnership> ownership(ConversationKey key) {
            return delegate.ownership(key);
        }

        @Override
        public void putOwnership(ConversationKey key, ThreadOwnership ownership) {
            delegate.putOwnership(key, ownership);
        }

        @Override
        public java.util.Optional<Instant> lastUserMessage(ConversationKey key) {
            return delegate.lastUserMessage(key);
        }

        @Override
        public void putLastUserMessage(ConversationKey key, Instant at) {
            delegate.putLastUserMessage(key, at);
        }

        @Override
        public boolean firstSighting(String appName, String eventKey) {
            return delegate.firstSighting(appName, eventKey);
        }

        @Override
        public Claim claim(String appName, String eventKey, String claimant) {
            return delegate.claim(appName, eventKey, claimant);
        }

        @Override
        public void recordCall(String appName, String claimant, RecordedCall call) {
            delegate.recordCall(appName, claimant, call);
        }

        @Override
        public List<RecordedCall> recordedCalls(String appName, String claimant) {
            return delegate.recordedCalls(appName, claimant);
        }

        @Override
        public java.util.Optional<String> state(String appName, ConversationKey key, String name) {
            return delegate.state(appName, key, name);
        }

        @Override
        public void putState(String appName, ConversationKey key, String name, String value) {
            delegate.putState(appName, key, name, value);
        }

        @Override
        public void removeState(String appName, ConversationKey key, String name) {
            delegate.removeState(appName, key, name);
        }

        @Override
        public void putTimer(StoredTimer timer) {
            delegate.putTimer(timer);
        }

        @Override
        public void removeTimer(String appName, ConversationKey key, String timerName) {
            delegate.removeTimer(appName, key, timerName);
        }

        @Override
        public List<StoredTimer> timers() {
            return delegate.timers();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A journal whose markDone is lost: the process dies before the event is done. */
    private static final class ForgetfulJournal implements EventJournal {
        private final EventJournal delegate;

        ForgetfulJournal(EventJournal delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
            return delegate.append(appName, body, receivedAt);
        }

        @Override
        public void markDone(long batchId, int eventIndex) {
            // the kill came first
        }

        @Override
        public List<JournaledBatch> pending() {
            return delegate.pending();
        }

        @Override
        public int prune(Instant cutoff) {
            return 0;
        }

        @Override
        public void close() {
            // the stores are closed by the test
        }
    }
}
