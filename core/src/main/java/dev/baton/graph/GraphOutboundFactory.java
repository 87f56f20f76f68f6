package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.config.GraphSettings;
import dev.baton.dispatch.Outbound;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.event.Platform;
import dev.baton.graph.error.GraphException;
import dev.baton.ownership.OwnershipTracker;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadControl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each hosted app's {@link Outbound} over the Graph API for one Page. Owns what the apps share (one
 * HTTP client, the Page rate limiter, per-conversation ordering, the {@link OwnershipTracker}, which the
 * deployment must register as a {@code DispatchListener}: see {@link #ownershipTracker()}).
 *
 * <p>Thread control follows {@code GraphSettings.threadControl}: {@code send-api},
 * {@code handover-protocol}, or {@code auto}: on first use, {@code me?fields=messaging_feature_status}
 * decides ({@code msgr_multi_app} / {@code ig_multi_app} true means Conversation Routing, so the Send API);
 * if that call fails, the Handover Protocol endpoints are used for the moment (they work in both modes for
 * pass and release) and the question is asked again next time. Thread-safe.
 */
public final class GraphOutboundFactory implements OutboundFactory {

    private static final Logger log = LoggerFactory.getLogger(GraphOutboundFactory.class);

    private final GraphSettings settings;
    private final GraphTuning tuning;
    private final Platform platform;
    private final Map<String, GraphCredentials> credentials;
    private final String defaultAppId;
    private final OwnershipTracker ownership;
    private final GraphPageContext page;
    private final Map<String, GraphClient> clients = new ConcurrentHashMap<>();
    private final AtomicReference<String> resolvedMode = new AtomicReference<>();

    public GraphOutboundFactory(GraphSettings settings, String pageId, Platform platform,
            Map<String, GraphCredentials> credentialsByAppId, String defaultAppId, ConversationStore store,
            Clock clock, MeterRegistry registry) {
        this(settings, GraphTuning.DEFAULTS, pageId, platform, credentialsByAppId, defaultAppId, store, clock,
                registry);
    }

    public GraphOutboundFactory(GraphSettings settings, GraphTuning tuning, String pageId, Platform platform,
            Map<String, GraphCredentials> credentialsByAppId, String defaultAppId, ConversationStore store,
            Clock clock, MeterRegistry registry) {
        this(settings, tuning, pageId, platform, credentialsByAppId, defaultAppId, store, clock, registry, null);
    }

    /**
     * {@code sendShare}: this instance's share of the Page's Send API budget when several instances share the
     * Page ({@code WorkSource#sendShare()}); null when this deployment is alone on it.
     */
    public GraphOutboundFactory(GraphSettings settings, GraphTuning tuning, String pageId, Platform platform,
            Map<String, GraphCredentials> credentialsByAppId, String defaultAppId, ConversationStore store,
            Clock clock, MeterRegistry registry, DoubleSupplier sendShare) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tuning = requireNonNull(tuning, "tuning is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.credentials = Map.copyOf(requireNonNull(credentialsByAppId, "credentialsByAppId is null"));
        this.defaultAppId = defaultAppId;
        String mode = settings.threadControl();
        if (!mode.equals("send-api") && !mode.equals("handover-protocol") && !mode.equals("auto")) {
            throw new IllegalArgumentException(
                    "graph.threadControl must be send-api, handover-protocol or auto, got '" + mode + "'");
        }
        credentials.forEach((appId, value) -> {
            if (!appId.equals(value.appId())) {
                throw new IllegalArgumentException("credentials for app " + appId + " name app " + value.appId());
            }
        });
        this.ownership = new OwnershipTracker(pageId, defaultAppId, credentials.keySet(), store, clock, registry);
        this.page = GraphPageContext.create(settings, tuning, pageId, platform, defaultAppId, ownership, store, clock,
                registry, sendShare);
    }

    @Override
    public Outbound forApp(HostedApp app) {
        GraphClient client = client(app.appId());
        return new GraphOutbound(client, () -> threadControl(client));
    }

    /** The listener that keeps ownership up to date; register it with the dispatcher. */
    public OwnershipTracker ownershipTracker() {
        return ownership;
    }

    /** The Graph client of a hosted app (e.g. for take/request/extend or the lookups). */
    public GraphClient client(String appId) {
        GraphCredentials appCredentials = credentials.get(appId);
        if (appCredentials == null) {
            throw new IllegalArgumentException("no Graph credentials for app " + appId);
        }
        return clients.computeIfAbsent(appId, id -> new GraphClient(page, appCredentials));
    }

    /** The chosen mode, {@code send-api} or {@code handover-protocol} (asks Meta once when configured auto). */
    public String threadControlMode(GraphClient asking) {
        String configured = settings.threadControl();
        if (!configured.equals("auto")) {
            return configured;
        }
        String known = resolvedMode.get();
        if (known != null) {
            return known;
        }
        try {
            boolean routing = asking.messagingFeatureStatus().conversationRouting(platform);
            String mode = routing ? "send-api" : "handover-protocol";
            resolvedMode.compareAndSet(null, mode);
            log.info("thread control: {} (messaging_feature_status says Conversation Routing is {})", mode,
                    routing ? "on" : "off");
            return mode;
        } catch (GraphException e) {
            log.warn("messaging_feature_status failed, using the Handover Protocol endpoints for now: {}",
                    e.getMessage());
            return "handover-protocol";
        }
    }

    GraphPageContext page() {
        return page;
    }

    private ThreadControl threadControl(GraphClient client) {
        GraphClient lookup = defaultAppId != null && credentials.containsKey(defaultAppId) ? client(defaultAppId) : client;
        HandoverProtocolThreadControl handover = new HandoverProtocolThreadControl(client, lookup, ownership);
        return threadControlMode(client).equals("send-api")
                ? new SendApiThreadControl(client, handover, tuning.handoffText()) : handover;
    }
}
