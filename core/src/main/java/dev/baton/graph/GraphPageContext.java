package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.config.GraphSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Platform;
import dev.baton.ownership.OwnershipTracker;
import dev.baton.spi.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * What every app's {@link GraphClient} on one Page shares: the HTTP client, the Page's rate limiter, the
 * per-conversation ordering, the retry policy, the messaging window and the ownership tracker.
 */
public record GraphPageContext(
        String pageId,
        Platform platform,
        String defaultAppId,
        GraphSettings settings,
        ObjectMapper mapper,
        GraphHttp http,
        PageRateLimiter rateLimiter,
        ConversationLanes lanes,
        GraphRetry retry,
        MessagingWindow window,
        OwnershipTracker ownership,
        MeterRegistry registry) {

    public GraphPageContext {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(settings, "settings is null");
    }

    /** Builds the shared parts from the settings. */
    public static GraphPageContext create(GraphSettings settings, GraphTuning tuning, String pageId, Platform platform,
            String defaultAppId, OwnershipTracker ownership, ConversationStore store, Clock clock,
            MeterRegistry registry) {
        return create(settings, tuning, pageId, platform, defaultAppId, ownership, store, clock, registry, null);
    }

    /** As above, with this instance's share of a Page budget that several instances split (null: alone). */
    public static GraphPageContext create(GraphSettings settings, GraphTuning tuning, String pageId, Platform platform,
            String defaultAppId, OwnershipTracker ownership, ConversationStore store, Clock clock,
            MeterRegistry registry, DoubleSupplier sendShare) {
        ObjectMapper mapper = new ObjectMapper();
        return new GraphPageContext(pageId, platform, defaultAppId, settings, mapper,
                new GraphHttp(settings, mapper, registry),
                new PageRateLimiter(pageId, settings, tuning, registry, sendShare),
                new ConversationLanes(),
                new GraphRetry(settings.maxRetries(), tuning.retryBaseDelay(), tuning.retryMaxDelay(), registry),
                new MessagingWindow(settings.windowPolicy(), store, clock, registry),
                ownership, registry);
    }
}
