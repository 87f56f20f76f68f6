package dev.baton.graph;

import dev.baton.graph.error.GraphTransportException;
import dev.baton.graph.error.MetaGraphException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Retries (resilience4j, exponential backoff with jitter) only calls Meta says were not done: its
 * retryable codes (613, 1, 2, 4, 17, 32, 341), an HTTP 5xx carrying an error envelope, and a connection
 * that was never made. Never a timeout, never a local refusal (rate-limit queue full). Thread-safe.
 */
public final class GraphRetry {

    private final RetryConfig config;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Retry> byEndpoint = new ConcurrentHashMap<>();

    public GraphRetry(int maxRetries, Duration baseDelay, Duration maxDelay, MeterRegistry registry) {
        this.registry = registry;
        this.config = RetryConfig.custom()
                .maxAttempts(Math.max(0, maxRetries) + 1)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(baseDelay, 2.0, 0.5, maxDelay))
                .retryOnException(GraphRetry::nothingWasDone)
                .build();
    }

    static boolean nothingWasDone(Throwable failure) {
        if (failure instanceof MetaGraphException meta) {
            return meta.retryable();
        }
        return failure instanceof GraphTransportException transport && transport.nothingSent();
    }

    public <T> T call(String endpoint, Supplier<T> attempt) {
        Retry retry = byEndpoint.computeIfAbsent(endpoint, name -> {
            Retry created = Retry.of("graph-" + name, config);
            created.getEventPublisher().onRetry(event ->
                    registry.counter("baton.graph.retries", "endpoint", name).increment());
            return created;
        });
        return Retry.decorateSupplier(retry, attempt).get();
    }
}
