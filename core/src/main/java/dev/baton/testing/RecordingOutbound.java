package dev.baton.testing;

import static java.util.Objects.requireNonNull;

import dev.baton.dispatch.Outbound;
import dev.baton.event.ConversationKey;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.ThreadOwnership;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link Outbound} that talks to nobody: it records every send, pass, release and owner lookup, in call
 * order, for a test to read back. Sends answer with made-up message ids ({@code m_rec_1}, ...).
 *
 * <p>Owner answers are configurable per conversation ({@link #setOwner}) with a fallback
 * ({@link #setDefaultOwner}); a successful pass or release made through this outbound updates the answer the
 * way Meta would (pass: the target, or the default app when the target is null; release: the default app
 * when one is set with {@link #setDefaultAppId}, else unknown). {@link #failNextCalls} makes the next calls
 * throw, to test an app's error handling. Thread-safe.
 */
public final class RecordingOutbound implements Outbound {

    /** One call made on the outbound. */
    public sealed interface Call permits Sent, Passed, Released, OwnerAsked {
        ConversationKey conversation();
    }

    public record Sent(ConversationKey conversation, SendRequest request) implements Call {
        public Sent {
            requireNonNull(conversation, "conversation is null");
            requireNonNull(request, "request is null");
        }
    }

    /** {@code targetAppId} null means "to the default app". */
    public record Passed(ConversationKey conversation, String targetAppId, String metadata) implements Call {
        public Passed {
            requireNonNull(conversation, "conversation is null");
        }
    }

    public record Released(ConversationKey conversation, String metadata) implements Call {
        public Released {
            requireNonNull(conversation, "conversation is null");
        }
    }

    public record OwnerAsked(ConversationKey conversation) implements Call {
        public OwnerAsked {
            requireNonNull(conversation, "conversation is null");
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<ConversationKey, ThreadOwnership> owners = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong failuresLeft = new AtomicLong();
    private final Clock clock;
    private volatile ThreadOwnership defaultOwner = ThreadOwnership.UNKNOWN;
    private volatile String defaultAppId;

    public RecordingOutbound() {
        this(Clock.systemUTC());
    }

    /** {@code clock} stamps the ownership that passes and releases record. */
    public RecordingOutbound(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public SendResponse send(ConversationKey conversation, SendRequest request) {
        requireNonNull(conversation, "conversation is null");
        requireNonNull(request, "request is null");
        throwIfFailing();
        calls.add(new Sent(conversation, request));
        return new SendResponse(conversation.userId(), "m_rec_" + messageIds.incrementAndGet());
    }

    @Override
    public void pass(ConversationKey conversation, String targetAppId, String metadata) {
        requireNonNull(conversation, "conversation is null");
        throwIfFailing();
        calls.add(new Passed(conversation, targetAppId, metadata));
        String newOwner = targetAppId != null ? targetAppId : defaultAppId;
        owners.put(conversation, new ThreadOwnership(newOwner, clock.instant(), null, ThreadOwnership.Source.OWN_ACTION));
    }

    @Override
    public void release(ConversationKey conversation, String metadata) {
        requireNonNull(conversation, "conversation is null");
        throwIfFailing();
        calls.add(new Released(conversation, metadata));
        owners.put(conversation, new ThreadOwnership(defaultAppId, clock.instant(), null,
                defaultAppId == null ? ThreadOwnership.Source.UNKNOWN : ThreadOwnership.Source.OWN_ACTION));
    }

    @Override
    public ThreadOwnership owner(ConversationKey conversation) {
        requireNonNull(conversation, "conversation is null");
        throwIfFailing();
        calls.add(new OwnerAsked(conversation));
        return owners.getOrDefault(conversation, defaultOwner);
    }

    /** What {@link #owner} answers for {@code conversation} from now on. */
    public RecordingOutbound setOwner(ConversationKey conversation, ThreadOwnership ownership) {
        owners.put(requireNonNull(conversation, "conversation is null"), requireNonNull(ownership, "ownership is null"));
        return this;
    }

    /** What {@link #owner} answers for conversations without their own answer ({@link ThreadOwnership#UNKNOWN} at first). */
    public RecordingOutbound setDefaultOwner(ThreadOwnership ownership) {
        this.defaultOwner = requireNonNull(ownership, "ownership is null");
        return this;
    }

    /** The Page's default app, which a pass without target or a release hands the thread to. */
    public RecordingOutbound setDefaultAppId(String appId) {
        this.defaultAppId = appId;
        return this;
    }

    /** The next {@code count} calls of any kind throw {@code failure} (and are not recorded). */
    public RecordingOutbound failNextCalls(int count, RuntimeException failure) {
        this.failure.set(requireNonNull(failure, "failure is null"));
        this.failuresLeft.set(count);
        return this;
    }

    /** Every call, in the order made. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Sent> sends() {
        return ofType(Sent.class);
    }

    /** The text of every send that had one, in order. */
    public List<String> sentTexts() {
        return sends().stream().map(sent -> sent.request().text()).filter(text -> text != null).toList();
    }

    public List<Passed> passes() {
        return ofType(Passed.class);
    }

    public List<Released> releases() {
        return ofType(Released.class);
    }

    /** Calls made for one conversation, in order. */
    public List<Call> callsFor(ConversationKey conversation) {
        return calls.stream().filter(call -> call.conversation().equals(conversation)).toList();
    }

    /** Forgets the recorded calls (owner answers stay). */
    public void clear() {
        calls.clear();
    }

    private <T extends Call> List<T> ofType(Class<T> type) {
        return calls.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void throwIfFailing() {
        RuntimeException toThrow = failure.get();
        if (toThrow != null && failuresLeft.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
            throw toThrow;
        }
    }
}
