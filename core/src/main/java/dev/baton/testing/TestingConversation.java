package dev.baton.testing;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.graph.error.MetaError;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.send.OutgoingAttachment;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.send.Template;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationState;
import dev.baton.spi.ThreadOwnership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Conversation} for unit-testing a {@link dev.baton.spi.ConversationApp} without a network: call the
 * app's handlers with it, then read back what the app did — sends ({@link #sends()}, {@link #sentTexts()}),
 * passes ({@link #passes()}), releases ({@link #releases()}), timers ({@link #timers()}) and state
 * ({@link #state(String)}).
 *
 * <p>Thread ownership moves the way Meta moves it: a pass gives the thread to its target (or to the
 * {@linkplain #setDefaultAppId default app} when the target is null), a release gives it to the default app.
 * A send while this app does not own the thread throws {@link IllegalStateException}, so a test notices an
 * app that talks out of turn. With {@link #setStrictOwnership(boolean) strict ownership}, passes and releases
 * while not owning throw too. With a {@linkplain #setMetaOwner Meta owner} set to another app, sends and passes
 * fail with {@link NotThreadOwnerException}, as Meta's would when it moved the thread without telling anyone.
 *
 * <p>Time stands still unless the test moves it ({@link #advance(Duration)}, {@link #setNow(Instant)}).
 * All setters return {@code this}, so a fixture reads as one chain:
 * <pre>{@code
 * TestingConversation conversation = new TestingConversation()
 *         .setAppId("111").setDefaultAppId("222").setStrictOwnership(true);
 * }</pre>
 *
 * <p>Not thread-safe: use one instance per test, from one thread.
 */
public final class TestingConversation implements Conversation {

    /** The page id used unless {@link #setKey} says otherwise. */
    public static final String DEFAULT_PAGE_ID = "page-1";
    /** The user id used unless {@link #setKey} says otherwise. */
    public static final String DEFAULT_USER_ID = "psid-1";
    /** This app's id unless {@link #setAppId} says otherwise. */
    public static final String DEFAULT_APP_ID = "app-1";
    /** The default (primary receiver) app's id unless {@link #setDefaultAppId} says otherwise. */
    public static final String DEFAULT_DEFAULT_APP_ID = "default";
    /** The start time unless {@link #setNow} says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-05-01T10:00:00Z");

    /** One pass of thread control: to whom (null: to the default app) and with what metadata. */
    public record Pass(String targetAppId, String metadata) {
    }

    private final MutableClock clock = new MutableClock(DEFAULT_START);
    private final List<SendRequest> sends = new ArrayList<>();
    private final List<Pass> passes = new ArrayList<>();
    private final List<String> releases = new ArrayList<>();
    private final Map<String, Instant> timers = new HashMap<>();
    private final Map<String, String> state = new HashMap<>();
    private ConversationKey key = new ConversationKey(DEFAULT_PAGE_ID, DEFAULT_USER_ID);
    private Platform platform = Platform.MESSENGER;
    private String appId = DEFAULT_APP_ID;
    private String defaultAppId = DEFAULT_DEFAULT_APP_ID;
    private String owner = DEFAULT_APP_ID;
    private boolean ownerSetExplicitly;
    private String metaOwner;
    private boolean strictOwnership;
    private ThreadOwnership.Source ownershipSource = ThreadOwnership.Source.OWN_ACTION;
    private Instant lastUserMessageAt;
    private boolean redelivered;

    /** A conversation on Messenger, owned by this app, with the defaults above. */
    public TestingConversation() {
    }

    // ---- configuration -------------------------------------------------------------------------------

    public TestingConversation setKey(ConversationKey key) {
        this.key = requireNonNull(key, "key is null");
        return this;
    }

    public TestingConversation setPlatform(Platform platform) {
        this.platform = requireNonNull(platform, "platform is null");
        return this;
    }

    /** Sets this app's id; unless {@link #setOwner} was called, this app owns the thread. */
    public TestingConversation setAppId(String appId) {
        this.appId = requireNonNull(appId, "appId is null");
        if (!ownerSetExplicitly) {
            this.owner = appId;
        }
        return this;
    }

    /** The app a release (or a pass with no target) gives the thread to. */
    public TestingConversation setDefaultAppId(String defaultAppId) {
        this.defaultAppId = defaultAppId;
        return this;
    }

    /** Who owns the thread now, as this app would learn it (null: nobody known). */
    public TestingConversation setOwner(String owner) {
        this.owner = owner;
        this.ownerSetExplicitly = true;
        return this;
    }

    /**
     * Meta's own view of the owner, when it differs from what the app was told; null (the default) means
     * Meta agrees. While set to another app, sends and passes throw {@link NotThreadOwnerException}.
     */
    public TestingConversation setMetaOwner(String metaOwner) {
        this.metaOwner = metaOwner;
        return this;
    }

    /** When true, a pass or release while this app does not own the thread throws; off by default. */
    public TestingConversation setStrictOwnership(boolean strictOwnership) {
        this.strictOwnership = strictOwnership;
        return this;
    }

    /** The source reported by {@link #owner()}; {@link ThreadOwnership.Source#OWN_ACTION} by default. */
    public TestingConversation setOwnershipSource(ThreadOwnership.Source source) {
        this.ownershipSource = requireNonNull(source, "source is null");
        return this;
    }

    public TestingConversation setNow(Instant now) {
        clock.set(now);
        return this;
    }

    /** Moves time forward (or back, with a negative duration). */
    public TestingConversation advance(Duration duration) {
        clock.advance(duration);
        return this;
    }

    /** When the user last wrote; null (the default) means never. */
    public TestingConversation setLastUserMessageAt(Instant at) {
        this.lastUserMessageAt = at;
        return this;
    }

    /**
     * Makes {@link #redelivered()} answer {@code redelivered}: the event is handed over again after a crash
     * interrupted an earlier hand-over, so a test can check that an app with non-idempotent effects looks at
     * its state first. False by default, as for live events.
     */
    public TestingConversation setRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
        return this;
    }

    // ---- what the app did ----------------------------------------------------------------------------

    /** Every send, in order. */
    public List<SendRequest> sends() {
        return Collections.unmodifiableList(sends);
    }

    /** The text of each send, in order: the message text, or a button template's text, else null. */
    public List<String> sentTexts() {
        return sends.stream().map(TestingConversation::textOf).toList();
    }

    /** Every pass of thread control, in order. */
    public List<Pass> passes() {
        return Collections.unmodifiableList(passes);
    }

    /** The metadata of every pass, in order. */
    public List<String> passMetadata() {
        return passes.stream().map(Pass::metadata).toList();
    }

    /** The target of the last pass (null for the default app), or null when nothing was passed. */
    public String passedTo() {
        return passes.isEmpty() ? null : passes.get(passes.size() - 1).targetAppId();
    }

    /** The metadata of every release, in order. */
    public List<String> releases() {
        return Collections.unmodifiableList(releases);
    }

    /** The pending timers: name to due time. */
    public Map<String, Instant> timers() {
        return Collections.unmodifiableMap(timers);
    }

    /** One state value, if set. */
    public Optional<String> state(String name) {
        return Optional.ofNullable(state.get(name));
    }

    /** All state values. */
    public Map<String, String> stateValues() {
        return Collections.unmodifiableMap(state);
    }

    /** Who owns the thread now. */
    public String ownerAppId() {
        return owner;
    }

    public String defaultAppId() {
        return defaultAppId;
    }

    /** The clock behind {@link #now()}, to hand to code that wants a {@link java.time.Clock}. */
    public MutableClock clock() {
        return clock;
    }

    /** The text a send shows: the message text, or a button template's text; null for anything else. */
    public static String textOf(SendRequest request) {
        if (request.text() != null) {
            return request.text();
        }
        if (request.message() != null
                && request.message().attachment() instanceof OutgoingAttachment.TemplateAttachment template
                && template.template() instanceof Template.ButtonTemplate buttons) {
            return buttons.text();
        }
        return null;
    }

    // ---- Conversation --------------------------------------------------------------------------------

    @Override
    public ConversationKey key() {
        return key;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public String appId() {
        return appId;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public SendResponse send(SendRequest request) {
        requireNonNull(request, "request is null");
        checkMeta("messages");
        if (!appId.equals(owner)) {
            throw new IllegalStateException("(#10) another app is controlling this thread now (2018300)");
        }
        sends.add(request);
        return new SendResponse(key.userId(), "m-" + sends.size());
    }

    @Override
    public SendResponse reply(String text) {
        return send(SendRequest.text(text));
    }

    @Override
    public void passTo(String targetAppId, String metadata) {
        checkMeta("pass_thread_control");
        checkStrict();
        passes.add(new Pass(targetAppId, metadata));
        owner = targetAppId == null ? defaultAppId : targetAppId;
    }

    @Override
    public void release(String metadata) {
        checkStrict();
        releases.add(metadata);
        owner = defaultAppId;
    }

    private void checkStrict() {
        if (strictOwnership && !appId.equals(owner)) {
            throw new IllegalStateException("(#100) calling app is not the thread owner");
        }
    }

    private void checkMeta(String endpoint) {
        if (metaOwner != null && !metaOwner.equals(appId)) {
            throw new NotThreadOwnerException(endpoint, new MetaError(400,
                    "another app is controlling this thread now", "OAuthException", 10, 2018300, null, null, null));
        }
    }

    @Override
    public ThreadOwnership owner() {
        return new ThreadOwnership(owner, null, null, ownershipSource);
    }

    @Override
    public Optional<Instant> lastUserMessageAt() {
        return Optional.ofNullable(lastUserMessageAt);
    }

    @Override
    public boolean redelivered() {
        return redelivered;
    }

    @Override
    public ConversationState state() {
        return new ConversationState() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(state.get(name));
            }

            @Override
            public void put(String name, String value) {
                state.put(name, value);
            }

            @Override
            public void remove(String name) {
                state.remove(name);
            }
        };
    }

    @Override
    public void schedule(String timerName, Instant at) {
        timers.put(timerName, at);
    }

    @Override
    public void cancelTimer(String timerName) {
        timers.remove(timerName);
    }
}
