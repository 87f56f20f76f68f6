package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.dispatch.DispatcherBuilder;
import dev.baton.dispatch.Outbound;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.ingest.IngestApp;
import dev.baton.ingest.WebhookIngest;
import dev.baton.server.AppEndpointRoute;
import dev.baton.server.HostedDeployment;
import dev.baton.spi.AppEndpoint;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.EventJournal;
import dev.baton.spi.HostedApp;
import dev.baton.spi.WorkSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Page deployment, assembled: config + app plugins + the way out to Meta + journal and store + dispatch
 * listeners + clock + registry, giving a transport what it needs: {@link #ingest()} for the webhook
 * endpoints, {@link #ready()} for health, {@link #drain} and {@link #close} for shutdown, and each app's
 * optional {@link AppEndpoint}.
 *
 * <p>Life cycle: {@link DeploymentBuilder#build()} loads every app (failing loudly on a missing or clashing
 * plugin, or a module that cannot be built) → {@link #start()} replays the journal's unhandled events and
 * starts timers → webhooks flow → {@link #drain} → {@link #close} (which closes what the apps opened, the
 * last started app first, then the journal and store when the deployment opened them). Thread-safe.
 */
public final class Deployment implements HostedDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private final PageConfig config;
    private final Dispatcher dispatcher;
    private final WebhookIngest ingest;
    private final Map<String, ConversationApp> apps;
    private final List<AutoCloseable> owned;
    private final List<AppResources> appResources;
    private volatile long shutdownDeadline;
    private volatile boolean shutdownDeadlineSet;
    private volatile boolean started;
    private volatile boolean closed;

    private Deployment(PageConfig config, Dispatcher dispatcher, WebhookIngest ingest, Map<String, ConversationApp> apps,
                       List<AutoCloseable> owned, List<AppResources> appResources) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.ingest = ingest;
        this.apps = Map.copyOf(apps);
        this.owned = List.copyOf(owned);
        this.appResources = List.copyOf(appResources);
    }

    public static DeploymentBuilder builder(PageConfig config) {
        return new DeploymentBuilder(config);
    }

    static Deployment assemble(DeploymentBuilder builder, PluginRegistry plugins, EventJournal journal,
                               ConversationStore store, List<AutoCloseable> owned) {
        PageConfig config = builder.config;
        // Every plugin first, so a missing one is reported before anything is built.
        Map<String, AppPlugin> pluginByApp = new LinkedHashMap<>();
        for (AppConfig app : config.apps()) {
            pluginByApp.put(app.name(), plugins.require(app.plugin(), app.name()));
        }
        List<DispatchListener> listeners = new ArrayList<>(builder.listeners);
        // A journal shared by several instances reports this instance's share of the Page's send budget.
        DeploymentResources resources = new DeploymentResources(config, store, builder.clock, builder.registry,
                journal instanceof WorkSource shared ? shared::sendShare : null);
        OutboundFactory outbounds = requireNonNull(builder.outboundSetup.create(resources, listeners::add),
                "the outbound setup returned no factory");

        Map<String, Outbound> outboundByApp = new LinkedHashMap<>();
        for (AppConfig app : config.apps()) {
            outboundByApp.put(app.name(), requireNonNull(outbounds.forApp(app.hostedApp()),
                    "no outbound for app " + app.name()));
        }
        Map<String, ConversationApp> handlers = new LinkedHashMap<>();
        Map<String, LateTrigger> triggers = new LinkedHashMap<>();
        DispatcherBuilder dispatcherBuilder = Dispatcher.builder().journal(journal).store(store)
                .registry(builder.registry).clock(builder.clock).settings(config.dispatch())
                .platform(config.page().platform()).pageId(config.page().id()).listeners(listeners);
        List<AppResources> appResources = new ArrayList<>();
        try {
            for (AppConfig app : config.apps()) {
                LateTrigger trigger = new LateTrigger(app.name());
                triggers.put(app.name(), trigger);
                AppResources opened = new AppResources(app.name());
                appResources.add(opened);
                DeploymentAppContext context = new DeploymentAppContext(app, config, builder.clock, builder.registry,
                        trigger, DeploymentHostedHandover.forApp(app, config, outboundByApp, builder.registry),
                        opened);
                ConversationApp handler = AppInstances.build(pluginByApp.get(app.name()), context);
                handlers.put(app.name(), handler);
                HostedApp hosted = app.hostedApp();
                dispatcherBuilder.target(new DispatchTarget(hosted, handler, outboundByApp.get(app.name())));
            }
        } catch (RuntimeException e) {
            // What the apps built so far opened is closed before the failure is reported.
            AppResources.closeAll(appResources, config.server().shutdownTimeout());
            throw e;
        }
        Dispatcher dispatcher = dispatcherBuilder.build();
        triggers.forEach((name, trigger) -> trigger.connect(dispatcher.trigger(name)));
        List<IngestApp> endpoints = config.apps().stream()
                .map(app -> new IngestApp(app.name(), app.secret(), app.verifyToken())).toList();
        WebhookIngest ingest = new WebhookIngest(endpoints, dispatcher, builder.clock, builder.registry,
                (int) Math.min(Integer.MAX_VALUE, config.dispatch().retryAfter().toSeconds()));
        return new Deployment(config, dispatcher, ingest, handlers, owned, appResources);
    }

    /** Replays what the journal holds unhandled, loads timers, then accepts webhooks. Call once. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("deployment is closed");
        }
        dispatcher.start();
        started = true;
        for (HostedApp app : hostedApps()) {
            LOG.info("hosting app '{}' (Meta app {}, role {}) at /webhooks/{}", app.name(), app.appId(), app.role(),
                    app.name());
        }
    }

    /** True once started, until draining or closing: every app is loaded, replay is done, the journal is open. */
    @Override
    public boolean ready() {
        return started && !closed && dispatcher.isAccepting();
    }

    /** The transport-free webhook entry point for every hosted app. */
    /** The webhook endpoint a transport hands requests to: {@link #ingest()}. */
    @Override
    public WebhookIngest endpoint() {
        return ingest;
    }

    /** {@code appName}'s own HTTP endpoint, already bound to its conversation trigger, for a transport to mount. */
    @Override
    public Optional<AppEndpointRoute> appRoute(String appName) {
        return appEndpoint(appName).map(endpoint -> request -> endpoint.handle(request, trigger(appName)));
    }

    public WebhookIngest ingest() {
        return ingest;
    }

    /**
     * Stops taking webhooks and waits up to {@code timeout} for accepted events to be handled. The same
     * {@code timeout}, counted from now, also bounds the closing of the apps' resources in {@link #close()}.
     */
    @Override
    public boolean drain(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        shutdownDeadline = System.nanoTime() + timeout.toNanos();
        shutdownDeadlineSet = true;
        return dispatcher.drain(timeout);
    }

    /** The hosted apps, in config order. */
    public List<HostedApp> hostedApps() {
        return config.apps().stream().map(AppConfig::hostedApp).toList();
    }

    /** The HTTP endpoint app {@code appName} serves beside its webhook, when its ConversationApp offers one. */
    public Optional<AppEndpoint> appEndpoint(String appName) {
        ConversationApp app = apps.get(appName);
        return app instanceof AppEndpoint endpoint ? Optional.of(endpoint) : Optional.empty();
    }

    /** The ConversationApp built for {@code appName} (tests and diagnostics). */
    public Optional<ConversationApp> app(String appName) {
        return Optional.ofNullable(apps.get(appName));
    }

    /** Runs app {@code appName}'s {@code onTimer} in a conversation's lane (input from outside Meta). */
    public ConversationTrigger trigger(String appName) {
        return dispatcher.trigger(appName);
    }

    public PageConfig config() {
        return config;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Stops the dispatcher at once (drain first), closes what the apps opened (the last started app first; see
     * {@link AppPlugin}), then the journal and store if this deployment opened them. Closing the apps' resources
     * waits at most for what is left of the timeout given to {@link #drain} (the config's
     * {@code server.shutdownTimeout} when there was no drain); a close still running then is left to finish in
     * the background.
     */
    @Override
    public void close() {
        close(shutdownDeadlineSet ? Duration.ofNanos(Math.max(0, shutdownDeadline - System.nanoTime()))
                : config.server().shutdownTimeout());
    }

    /** {@link #close()}, waiting at most {@code appCloseTimeout} for the apps' resources to close. */
    public synchronized void close(Duration appCloseTimeout) {
        requireNonNull(appCloseTimeout, "appCloseTimeout is null");
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.close();
        AppResources.closeAll(appResources, appCloseTimeout);
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed ({})", resource.getClass().getSimpleName(), e.getClass().getName());
            }
        }
    }
}
