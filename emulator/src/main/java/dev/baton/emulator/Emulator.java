package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.emulator.console.ConsoleFeed;
import dev.baton.emulator.console.ConsoleHandler;
import dev.baton.emulator.delivery.DeliveryLog;
import dev.baton.emulator.delivery.SubscriptionVerifier;
import dev.baton.emulator.delivery.WebhookDeliverer;
import dev.baton.emulator.delivery.WebhookEncoding;
import dev.baton.emulator.engine.RoutingEngine;
import dev.baton.emulator.http.EmulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Meta's side of Conversation Routing, offline: the Graph API ({@code /v{N}/...}) and the control API
 * ({@code /_emulator/...}) on one loopback port, the routing engine, and signed webhook delivery to the
 * registered apps. The HTTP control API is a thin layer over these methods.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.start(EmulatorOptions.forTests())) {
 *     emulator.registerPage(PageRegistration.messenger("1001", "2002", apps));
 *     ActionResult result = emulator.person("1001", "9001").adClick(AdClick.of("ad-1", "3003"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Person actions wait (up to {@link EmulatorOptions#actionTimeout()}) until the POSTs they
 * caused were attempted, so their result lists what each app got. Graph API calls do not wait.
 */
public final class Emulator implements AutoCloseable {

    private final EmulatorOptions options;
    private final EmulatorClock clock;
    private final Faults faults = new Faults();
    private final DeliveryLog deliveryLog = new DeliveryLog();
    private final WebhookEncoding encoding = new WebhookEncoding();
    private final RoutingEngine engine;
    private final WebhookDeliverer deliverer;
    private final SubscriptionVerifier verifier;
    private final ConsoleFeed consoleFeed = new ConsoleFeed();
    private final EmulatorServer server;

    private Emulator(EmulatorOptions options) {
        this.options = options;
        this.clock = new EmulatorClock(Clock.systemUTC());
        WebhookDeliverer[] sink = new WebhookDeliverer[1];
        this.engine = new RoutingEngine(clock, webhook -> sink[0].enqueue(webhook));
        this.deliverer = new WebhookDeliverer(options, clock, faults, deliveryLog, encoding, engine::isSubscribed,
                engine::unsubscribe);
        sink[0] = deliverer;
        clock.onAdvance(deliverer::wakeUp);
        this.verifier = new SubscriptionVerifier(options.deliveryTimeout());
        // The console's live feed hears of every change; it does nothing while no console listens.
        engine.onChange(consoleFeed::thread);
        deliveryLog.onAdd(record -> consoleFeed.delivery(record.appId(), record.sequence()));
        faults.onChange(consoleFeed::faults);
        clock.onAdvance(consoleFeed::clock);
        this.server = EmulatorServer.start(this, engine, encoding, options, new ConsoleHandler(this, consoleFeed));
    }

    /** Starts an emulator listening on {@code options.host():options.port()} (port 0: chosen by the OS). */
    public static Emulator start(EmulatorOptions options) {
        return new Emulator(requireNonNull(options, "options is null"));
    }

    public static Emulator start() {
        return start(EmulatorOptions.DEFAULTS);
    }

    /** {@code http://host:port} ({@code https://} with TLS), no trailing slash: the Graph base URL for a deployment under test. */
    public String baseUrl() {
        return (options.tls() == null ? "http://" : "https://") + options.host() + ":" + server.port();
    }

    /** The HTTPS key and certificate when the emulator serves HTTPS ({@link EmulatorOptions#withTls}). */
    public Optional<EmulatorTls> tls() {
        return Optional.ofNullable(options.tls());
    }

    /**
     * The console in the browser, {@code http://host:port/_emulator/console/}: play the person and watch the
     * routing (owner, webhooks, retries) live. Served from this jar; it needs no network.
     */
    public String consoleUrl() {
        return baseUrl() + ConsoleHandler.PATH + "/";
    }

    public int port() {
        return server.port();
    }

    public EmulatorOptions options() {
        return options;
    }

    /** Simulated time; give it to the deployment under test so windows and timers agree. */
    public EmulatorClock clock() {
        return clock;
    }

    public void advanceClock(Duration amount) {
        clock.advance(amount);
    }

    /**
     * Registers a Page after the subscription check of every app's webhook URL.
     *
     * @throws EmulatorException naming the app whose check failed, or when the Page or a token is taken
     */
    public PageRegistration registerPage(PageRegistration page) {
        return registerPage(page, PageConnection.SUBSCRIBED);
    }

    /**
     * Registers a Page whose apps start out as {@code connection} says: {@link PageConnection#SUBSCRIBED} (the
     * shortcut above) or {@link PageConnection#fresh()}, a Page that its apps connect to through the Graph API
     * ({@code subscribed_apps}, {@code /{app-id}/subscriptions}), as Baton's {@code setup} command does.
     */
    public PageRegistration registerPage(PageRegistration page, PageConnection connection) {
        requireNonNull(page, "page is null");
        requireNonNull(connection, "connection is null");
        if (engine.registration(page.id()).isPresent()) {
            throw new EmulatorException(409, "page " + page.id() + " is already registered");
        }
        verifier.verify(page);
        engine.register(page, connection);
        return page;
    }

    public Optional<PageRegistration> page(String pageId) {
        return engine.registration(pageId);
    }

    public List<PageRegistration> pages() {
        return engine.registrations();
    }

    /** The person {@code psid} of Page {@code pageId}, to act as. */
    public Person person(String pageId, String psid) {
        return new Person(this, engine, requireNonNull(pageId, "pageId is null"), requireNonNull(psid, "psid is null"));
    }

    /** The conversation's state now, or empty when the person never acted on this Page. */
    public Optional<ConversationView> conversation(String pageId, String psid) {
        return engine.conversation(pageId, psid);
    }

    public List<ConversationView> conversations(String pageId) {
        return engine.conversations(pageId);
    }

    /** Every webhook POST made to the app, in order, with headers, body and the app's answer. */
    public List<DeliveryRecord> deliveries(String appId) {
        return deliveryLog.forApp(appId);
    }

    /** One POST of {@link #deliveries(String)} by its sequence number. */
    public Optional<DeliveryRecord> delivery(String appId, long sequence) {
        return deliveryLog.find(appId, sequence);
    }

    public boolean isSubscribed(String pageId, String appId) {
        return engine.isSubscribed(pageId, appId);
    }

    /** Apps Meta unsubscribed from the Page after an hour of failed deliveries. */
    public Set<String> unsubscribedApps(String pageId) {
        return engine.unsubscribedApps(pageId);
    }

    /**
     * How many Graph calls for {@code pageId} the emulator refused with code 613 because the Page was over its
     * rate limit ({@link EmulatorOptions#graphCallsPerSecond()} in any sliding second, as Meta counts), so far.
     */
    public long rateLimitedCalls(String pageId) {
        return server.rateLimitedCalls(requireNonNull(pageId, "pageId is null"));
    }

    /**
     * Waits until every webhook queued so far has been delivered, given up on or dropped: after a Graph call
     * (which does not wait), this is how a test knows the echoes and handovers it caused have arrived.
     *
     * @return false if deliveries were still outstanding after {@code timeout}
     */
    public boolean awaitDeliveries(Duration timeout) {
        try {
            return deliverer.awaitQuiet(requireNonNull(timeout, "timeout is null"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What {@code psid} sees on opening the Page's thread: for a new person the welcome screen (greeting, ice
     * breakers or the Get Started button, from the Page's Messenger Profile), and the persistent menu.
     */
    public Map<String, Object> welcomeScreen(String pageId, String psid) {
        return engine.setup().welcome(requireNonNull(pageId, "pageId is null"), requireNonNull(psid, "psid is null"));
    }

    /** The Page's Messenger Profile as set through the Graph API, in Meta's JSON (an empty object when none). */
    public String messengerProfile(String pageId) {
        return engine.setup().profileView(requireNonNull(pageId, "pageId is null")).toString();
    }

    /** Per app id: its Page-level fields (null when not installed) and its app-level subscription of this Page's object. */
    public Map<String, Object> subscriptions(String pageId) {
        return engine.setup().subscriptionsView(requireNonNull(pageId, "pageId is null"));
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Every Graph API call answered so far, in order of arrival, with what it asked and what it was answered
     * (the newest 200,000): what Meta saw, for a test that counts sends or repeats.
     */
    public List<GraphCall> graphCalls() {
        return server.graphCalls();
    }

    /** Waits for the first POST of each queued webhook, up to the action timeout in all. */
    ActionResult await(List<RoutingEngine.Queued> queued) {
        long deadline = System.nanoTime() + options.actionTimeout().toNanos();
        List<CausedWebhook> caused = new ArrayList<>();
        for (RoutingEngine.Queued item : queued) {
            DeliveryRecord record = null;
            try {
                record = item.firstAttempt().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                record = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("delivery failed unexpectedly", e.getCause());
            }
            caused.add(new CausedWebhook(item.webhook().app().id(), item.webhook().pageId(), item.webhook().event(),
                    record));
        }
        return new ActionResult(caused);
    }

    @Override
    public void close() {
        consoleFeed.close();
        server.close();
        deliverer.close();
    }

    @Override
    public String toString() {
        return "Emulator[" + baseUrl() + "]";
    }
}
