package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.dispatch.Outbound;
import dev.baton.event.ConversationKey;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.HostedApp;
import dev.baton.spi.HostedHandover;
import dev.baton.spi.ThreadOwnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's {@link HostedHandover} for one requesting app: holds the hosted default app's
 * {@link Outbound} (its own token) and nothing else, so it can only ever pass from that app to the requester.
 * Thread-safe (immutable; the outbound is).
 */
final class DeploymentHostedHandover implements HostedHandover {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentHostedHandover.class);
    static final int MAX_METADATA = 1000;

    private final String pageId;
    private final HostedApp requester;
    private final HostedApp defaultApp;
    private final Outbound defaultOutbound;
    private final MeterRegistry registry;

    DeploymentHostedHandover(String pageId, HostedApp requester, HostedApp defaultApp, Outbound defaultOutbound,
                             MeterRegistry registry) {
        this.pageId = requireNonNull(pageId, "pageId is null");
        this.requester = requireNonNull(requester, "requester is null");
        this.defaultApp = defaultApp;
        this.defaultOutbound = defaultOutbound;
        this.registry = requireNonNull(registry, "registry is null");
        if ((defaultApp == null) != (defaultOutbound == null)) {
            throw new IllegalArgumentException("the default app and its outbound come together");
        }
    }

    /** The capability for {@code requester}, given every hosted app's outbound by app name. */
    static DeploymentHostedHandover forApp(AppConfig requester, PageConfig config, Map<String, Outbound> outbounds,
                                           MeterRegistry registry) {
        String defaultAppId = config.defaultAppId().orElse(null);
        AppConfig hostedDefault = config.apps().stream().filter(app -> app.appId().equals(defaultAppId))
                .findFirst().orElse(null);
        return new DeploymentHostedHandover(config.page().id(), requester.hostedApp(),
                hostedDefault == null ? null : hostedDefault.hostedApp(),
                hostedDefault == null ? null : requireNonNull(outbounds.get(hostedDefault.name()),
                        "no outbound for app " + hostedDefault.name()), registry);
    }

    @Override
    public Result reclaimFromDefault(Conversation conversation, String metadata) {
        requireNonNull(conversation, "conversation is null");
        if (!requester.appId().equals(conversation.appId())) {
            throw new IllegalArgumentException("this in-house handover acts only for app '" + requester.name()
                    + "'; the conversation belongs to app " + conversation.appId());
        }
        ConversationKey key = conversation.key();
        if (!pageId.equals(key.pageId())) {
            throw new IllegalArgumentException("the conversation is on Page " + key.pageId() + ", not " + pageId);
        }
        if (metadata == null || metadata.isBlank() || metadata.length() > MAX_METADATA) {
            throw new IllegalArgumentException("the handover metadata must say why, in 1 to " + MAX_METADATA
                    + " characters");
        }
        if (requester.role() != AppRole.INBOX || (defaultApp != null && defaultApp.appId().equals(requester.appId()))) {
            return done(Outcome.NOT_PERMITTED, null, "only an app with role inbox, other than the default app, may "
                    + "have a thread passed back from the default app");
        }
        if (defaultApp == null) {
            return done(Outcome.DEFAULT_NOT_HOSTED, null, "the Page's default app is not hosted by this deployment");
        }
        ThreadOwnership owner = defaultOutbound.owner(key);
        if (owner.isOwnedBy(requester.appId())) {
            return done(Outcome.ALREADY_OWNER, requester.appId(), "'" + requester.name() + "' owns the thread");
        }
        if (!owner.isOwnedBy(defaultApp.appId())) {
            return done(Outcome.OWNED_ELSEWHERE, owner.ownerAppId(), "the thread is owned by "
                    + (owner.ownerAppId() == null ? "an app the deployment does not know" : "app " + owner.ownerAppId())
                    + ", not by the default app '" + defaultApp.name() + "'");
        }
        try {
            defaultOutbound.pass(key, requester.appId(), metadata);
        } catch (NotThreadOwnerException e) {
            return done(Outcome.OWNED_ELSEWHERE, null, "Meta says the default app '" + defaultApp.name()
                    + "' does not own the thread");
        }
        LOG.info("in-house handover: default app '{}' passed {} to '{}'", defaultApp.name(), key, requester.name());
        return done(Outcome.RECLAIMED, requester.appId(), "the default app '" + defaultApp.name()
                + "' passed the thread to '" + requester.name() + "'");
    }

    private Result done(Outcome outcome, String owner, String detail) {
        if (outcome != Outcome.RECLAIMED && outcome != Outcome.ALREADY_OWNER) {
            LOG.info("in-house handover refused for '{}': {}", requester.name(), detail);
        }
        Counter.builder("baton.runtime.hosted_handovers")
                .description("threads the hosted default app was asked to pass back in-house, by outcome")
                .tag("app", requester.name()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        return new Result(outcome, owner, detail);
    }
}
