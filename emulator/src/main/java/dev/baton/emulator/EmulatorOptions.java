package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an {@link Emulator} runs. Every field has a default ({@link #DEFAULTS}); tests usually change only the
 * batching window (0 for one event per POST) and the retry backoff (short, so retries happen quickly).
 *
 * @param host               interface to listen on (loopback by default)
 * @param port               TCP port; 0 lets the OS choose
 * @param graphCallsPerSecond Graph API calls allowed per Page per second before code 613
 * @param batchWindow        how long a delivery worker waits for more events to put in the same POST; 0: none
 * @param deliveryTimeout    an app that has not answered within this is a failed delivery (Meta: 5 seconds)
 * @param retryInitialBackoff first wait (real time) before retrying a failed delivery; doubles each time
 * @param retryMaxBackoff    the longest wait between retries; advancing the clock also retries at once
 * @param unsubscribeAfter   simulated time of continuous failure after which the app is unsubscribed (Meta: 1 hour)
 * @param actionTimeout      how long a control-API action waits for the POSTs it caused to be attempted
 * @param tls                serve HTTPS with this key and certificate; null (the default): plain HTTP
 */
public record EmulatorOptions(
        String host,
        int port,
        int graphCallsPerSecond,
        Duration batchWindow,
        Duration deliveryTimeout,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Duration unsubscribeAfter,
        Duration actionTimeout,
        EmulatorTls tls) {

    public static final EmulatorOptions DEFAULTS = new EmulatorOptions("127.0.0.1", 0, 300, Duration.ofMillis(5),
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofSeconds(10), null);

    public EmulatorOptions {
        requireNonNull(host, "host is null");
        requireNonNull(batchWindow, "batchWindow is null");
        requireNonNull(deliveryTimeout, "deliveryTimeout is null");
        requireNonNull(retryInitialBackoff, "retryInitialBackoff is null");
        requireNonNull(retryMaxBackoff, "retryMaxBackoff is null");
        requireNonNull(unsubscribeAfter, "unsubscribeAfter is null");
        requireNonNull(actionTimeout, "actionTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (graphCallsPerSecond < 1) {
            throw new IllegalArgumentException("graphCallsPerSecond must be positive: " + graphCallsPerSecond);
        }
        if (batchWindow.isNegative() || deliveryTimeout.isNegative() || deliveryTimeout.isZero()
                || retryInitialBackoff.isNegative() || retryInitialBackoff.isZero()
                || retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("delivery durations must be positive and max backoff >= initial");
        }
    }

    /** Plain HTTP: the options as they were before HTTPS existed. */
    public EmulatorOptions(String host, int port, int graphCallsPerSecond, Duration batchWindow,
                           Duration deliveryTimeout, Duration retryInitialBackoff, Duration retryMaxBackoff,
                           Duration unsubscribeAfter, Duration actionTimeout) {
        this(host, port, graphCallsPerSecond, batchWindow, deliveryTimeout, retryInitialBackoff, retryMaxBackoff,
                unsubscribeAfter, actionTimeout, null);
    }

    /** HTTPS with this key and certificate ({@link EmulatorTls#selfSigned()} or a keystore); null: plain HTTP. */
    public EmulatorOptions withTls(EmulatorTls newTls) {
        return new EmulatorOptions(host, port, graphCallsPerSecond, batchWindow, deliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, actionTimeout, newTls);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, graphCallsPerSecond, batchWindow, deliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, graphCallsPerSecond, batchWindow, deliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withGraphCallsPerSecond(int newRate) {
        return new EmulatorOptions(host, port, newRate, batchWindow, deliveryTimeout, retryInitialBackoff,
                retryMaxBackoff, unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withBatchWindow(Duration newBatchWindow) {
        return new EmulatorOptions(host, port, graphCallsPerSecond, newBatchWindow, deliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withDeliveryTimeout(Duration newDeliveryTimeout) {
        return new EmulatorOptions(host, port, graphCallsPerSecond, batchWindow, newDeliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withRetryBackoff(Duration initial, Duration max) {
        return new EmulatorOptions(host, port, graphCallsPerSecond, batchWindow, deliveryTimeout, initial, max,
                unsubscribeAfter, actionTimeout, tls);
    }

    public EmulatorOptions withActionTimeout(Duration newActionTimeout) {
        return new EmulatorOptions(host, port, graphCallsPerSecond, batchWindow, deliveryTimeout,
                retryInitialBackoff, retryMaxBackoff, unsubscribeAfter, newActionTimeout, tls);
    }

    /** Options for deterministic tests: port 0, one event per POST, retries after 20-200 ms. */
    public static EmulatorOptions forTests() {
        return DEFAULTS.withBatchWindow(Duration.ZERO).withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }
}
