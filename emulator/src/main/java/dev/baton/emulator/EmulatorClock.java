package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's simulated time: the real clock plus every advance made through {@link #advance(Duration)}
 * or {@code POST /_emulator/clock}. Messaging windows, control expiry, idle release and the one-hour
 * unsubscribe rule all read it; hand the same instance to a deployment under test so both sides agree.
 *
 * <p>Thread-safe. Time never goes backwards: advances must be positive. Copies made by {@link #withZone}
 * share the offset, so they move together.
 */
public final class EmulatorClock extends Clock {

    private final Clock realClock;
    private final AtomicLong offsetMillis;
    private final List<Runnable> advanceListeners;
    private final ZoneId zone;

    EmulatorClock(Clock realClock) {
        this(realClock, new AtomicLong(), new CopyOnWriteArrayList<>(), ZoneOffset.UTC);
    }

    private EmulatorClock(Clock realClock, AtomicLong offsetMillis, List<Runnable> listeners, ZoneId zone) {
        this.realClock = requireNonNull(realClock, "realClock is null");
        this.offsetMillis = offsetMillis;
        this.advanceListeners = listeners;
        this.zone = requireNonNull(zone, "zone is null");
    }

    /** Moves simulated time forward and lets the emulator act on what expired (idle release, retries). */
    public void advance(Duration amount) {
        requireNonNull(amount, "amount is null");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("the clock only moves forward; advance must be positive");
        }
        offsetMillis.addAndGet(amount.toMillis());
        advanceListeners.forEach(Runnable::run);
    }

    /** Everything simulated time has been moved forward by so far. */
    public Duration advancedBy() {
        return Duration.ofMillis(offsetMillis.get());
    }

    void onAdvance(Runnable listener) {
        advanceListeners.add(requireNonNull(listener, "listener is null"));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new EmulatorClock(realClock, offsetMillis, advanceListeners, newZone);
    }

    @Override
    public Instant instant() {
        return realClock.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return realClock.millis() + offsetMillis.get();
    }

    @Override
    public String toString() {
        return "EmulatorClock[advancedBy=" + advancedBy() + "]";
    }
}
