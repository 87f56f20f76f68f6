package dev.baton.emulator.engine;

import static java.util.Objects.requireNonNull;

import dev.baton.emulator.AdClick;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.ConversationView;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.PageConnection;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.PersonMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Meta's side of Conversation Routing for every registered Page. All methods are serialized on one lock:
 * a call sees and leaves a consistent state, and the webhooks it causes are queued (per app, in order)
 * before the lock is released. Expired control is returned to the default app lazily, on each access.
 */
public final class RoutingEngine {

    /** Where the engine hands webhooks; the future completes when the first POST carrying it was made. */
    public interface WebhookSink {
        CompletableFuture<DeliveryRecord> enqueue(OutgoingWebhook webhook);
    }

    /** A webhook the engine queued, with its first delivery attempt. */
    public record Queued(OutgoingWebhook webhook, CompletableFuture<DeliveryRecord> firstAttempt) {}

    /** The app a Page access token belongs to. */
    public record Caller(String pageId, AppRegistration app) {}

    /** A Graph API call's JSON answer and the webhooks it caused. */
    public record GraphResult(Map<String, Object> answer, List<Queued> webhooks) {}

    private final Clock clock;
    private final WebhookSink sink;
    private final Map<String, PageState> pages = new LinkedHashMap<>();
    private final Map<String, Caller> callersByToken = new HashMap<>();
    private final AtomicLong midSequence = new AtomicLong();
    private final GraphOperations graph = new GraphOperations(this);
    private final Subscriptions subscriptions = new Subscriptions();
    private final Map<String, List<String>> scopesByToken = new HashMap<>();
    private final SetupOperations setup = new SetupOperations(this, subscriptions);
    private final AssetOperations assets = new AssetOperations(this);
    private volatile BiConsumer<String, String> changeListener = (page, psid) -> { };

    Clock clock() {
        return clock;
    }

    public RoutingEngine(Clock clock, WebhookSink sink) {
        this.clock = requireNonNull(clock, "clock is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** Registers with the control API's shortcut: every app subscribed to every field. */
    public void register(PageRegistration registration) {
        register(registration, PageConnection.SUBSCRIBED);
    }

    public synchronized void register(PageRegistration registration, PageConnection connection) {
        if (pages.containsKey(registration.id())) {
            throw new EmulatorException(409, "page " + registration.id() + " is already registered");
        }
        for (AppRegistration app : registration.apps()) {
            if (callersByToken.containsKey(app.accessToken())) {
                throw new EmulatorException(409, "app " + app.id() + ": its access_token is already used on another Page");
            }
        }
        pages.put(registration.id(), new PageState(registration, subscriptions));
        registration.apps().forEach(app -> callersByToken.put(app.accessToken(), new Caller(registration.id(), app)));
        boolean instagram = registration.platform() == dev.baton.event.Platform.INSTAGRAM;
        registration.apps().forEach(app -> scopesByToken.put(app.accessToken(), connection.scopesOf(app.id(), instagram)));
        if (connection.subscribed()) {
            subscriptions.installAll(registration.id(), registration.platform(), registration.apps());
        }
        changed(registration.id(), null);
    }

    /**
     * Told (page id, psid; psid null for the Page itself) after every call that may have changed a thread or
     * Page, on the engine's lock: it must only note the change and return. The console's live feed uses it.
     */
    public void onChange(BiConsumer<String, String> listener) {
        this.changeListener = requireNonNull(listener, "listener is null");
    }

    void changed(String pageId, String psid) {
        changeListener.accept(pageId, psid);
    }

    public synchronized Optional<PageRegistration> registration(String pageId) {
        return Optional.ofNullable(pages.get(pageId)).map(page -> page.registration);
    }

    public synchronized List<PageRegistration> registrations() {
        return pages.values().stream().map(page -> page.registration).toList();
    }

    public synchronized Optional<Caller> callerForToken(String token) {
        return Optional.ofNullable(callersByToken.get(token));
    }

    public synchronized Set<String> unsubscribedApps(String pageId) {
        return Set.copyOf(page(pageId).unsubscribedAppIds);
    }

    /** Meta's answer to an hour of failed deliveries: the app stops getting this Page's webhooks. */
    public synchronized void unsubscribe(String pageId, String appId) {
        Optional.ofNullable(pages.get(pageId)).ifPresent(page -> page.unsubscribedAppIds.add(appId));
        changed(pageId, null);
    }

    public synchronized boolean isSubscribed(String pageId, String appId) {
        PageState page = pages.get(pageId);
        return page != null && page.app(appId).isPresent() && !page.unsubscribedAppIds.contains(appId)
                && subscriptions.pageSubscriptions(pageId).containsKey(appId);
    }

    /** The permissions a Page token carries (empty for an unknown token). */
    synchronized List<String> scopes(String token) {
        return scopesByToken.getOrDefault(token, List.of());
    }

    /** Every registration of an app, across Pages (an app may be connected to several). */
    synchronized List<Caller> callersOfApp(String appId) {
        return callersByToken.values().stream().filter(caller -> caller.app().id().equals(appId)).toList();
    }

    /** Webhook subscriptions, the Messenger Profile and token introspection, on this engine's lock. */
    public SetupOperations setup() {
        return setup;
    }

    public synchronized Optional<ConversationView> conversation(String pageId, String psid) {
        PageState page = page(pageId);
        return page.existingThread(psid).map(thread -> {
            thread.expireControl(clock.instant(), page.defaultAppId());
            return thread.view();
        });
    }

    public synchronized List<ConversationView> conversations(String pageId) {
        PageState page = page(pageId);
        Instant now = clock.instant();
        page.threads.values().forEach(thread -> thread.expireControl(now, page.defaultAppId()));
        return page.threads.values().stream().map(ThreadState::view).toList();
    }

    // ---- the person ----

    public List<Queued> adClick(String pageId, String psid, AdClick click) {
        return asPerson(pageId, psid, true, "ad tap", rules -> rules.adClick(click));
    }

    public List<Queued> message(String pageId, String psid, PersonMessage message) {
        return asPerson(pageId, psid, true, "the person wrote", rules -> rules.message(message));
    }

    public List<Queued> postback(String pageId, String psid, String payload, String title) {
        return asPerson(pageId, psid, true, "the person tapped a button", rules -> rules.postback(payload, title));
    }

    public List<Queued> getStarted(String pageId, String psid, String ref) {
        return asPerson(pageId, psid, true, "Get Started", rules -> rules.getStarted(ref));
    }

    public List<Queued> link(String pageId, String psid, String ref) {
        return asPerson(pageId, psid, true, "m.me link", rules -> rules.link(ref));
    }

    public List<Queued> inboxReply(String pageId, String psid, String text) {
        return asPerson(pageId, psid, false, "Inbox: agent replied", rules -> rules.inboxReply(text));
    }

    public List<Queued> inboxMoveToMain(String pageId, String psid) {
        return asPerson(pageId, psid, false, "Inbox: moved to Main", PersonRules::inboxTakesControl);
    }

    /** A human marks the conversation Done in the Inbox: control goes back to the default app (rule 8). */
    public List<Queued> inboxDone(String pageId, String psid) {
        return asPerson(pageId, psid, false, "Inbox: Done", PersonRules::inboxDone);
    }

    /** The person reacts to (or, with action {@code unreact}, withdraws a reaction from) a message. */
    public List<Queued> react(String pageId, String psid, String mid, String action, String reaction, String emoji) {
        return asPerson(pageId, psid, false, "reaction", rules -> rules.react(mid, action, reaction, emoji));
    }

    public List<Queued> read(String pageId, String psid) {
        return asPerson(pageId, psid, false, "read", PersonRules::read);
    }

    public List<Queued> delivered(String pageId, String psid) {
        return asPerson(pageId, psid, false, "delivered", PersonRules::delivered);
    }

    private synchronized List<Queued> asPerson(String pageId, String psid, boolean mayStartThread, String cause,
                                               Consumer<PersonRules> action) {
        PageState page = page(pageId);
        if (psid == null || !psid.matches("[0-9A-Za-z_-]{1,64}")) {
            throw EmulatorException.badRequest("psid must be 1-64 letters, digits, '-' or '_'");
        }
        if (!mayStartThread && page.existingThread(psid).isEmpty()) {
            throw EmulatorException.notFound("person " + psid + " has no conversation with page " + pageId);
        }
        Instant now = clock.instant();
        ThreadState thread = page.thread(psid);
        thread.expireControl(now, page.defaultAppId());
        thread.cause = cause;
        Fanout fanout = new Fanout(page, thread);
        try {
            action.accept(new PersonRules(page, thread, now, fanout, this::nextMid));
        } finally {
            changed(pageId, psid);
        }
        return enqueue(fanout);
    }

    /** The Graph API calls of the apps, on this engine's lock. */
    public GraphOperations graph() {
        return graph;
    }

    /** Personas, uploaded attachments and people's profiles, on this engine's lock. */
    public AssetOperations assets() {
        return assets;
    }

    List<Queued> enqueue(Fanout fanout) {
        List<Queued> queued = new ArrayList<>();
        for (OutgoingWebhook webhook : fanout.webhooks()) {
            queued.add(new Queued(webhook, sink.enqueue(webhook)));
        }
        return queued;
    }

    PageState page(String pageId) {
        PageState page = pages.get(pageId);
        if (page == null) {
            throw EmulatorException.notFound("page " + pageId + " is not registered");
        }
        return page;
    }

    String nextMid() {
        return "m_emu" + Long.toString(midSequence.incrementAndGet(), 36) + "x" + Long.toString(clock.millis(), 36);
    }
}
