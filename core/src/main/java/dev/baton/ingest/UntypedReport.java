package dev.baton.ingest;

import dev.baton.event.UnknownEvent;
import dev.baton.webhook.WebhookRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what an accepted body held that Baton could not type: untyped events
 * ({@code baton.webhook.events.untyped{app,reason}}) and parts that became no event
 * ({@code baton.webhook.skipped{app,kind}}: an unknown object, {@code changes[]} entries). Each (app, reason)
 * is logged at WARN at most once a minute, with the path of the first one seen, never with content: the
 * events themselves are in the journal, and {@code inspect} shows them.
 *
 * <p>Thread-safe. Only bodies with something to report touch it, so its maps do not sit on the hot path.
 */
final class UntypedReport {

    private static final Logger LOG = LoggerFactory.getLogger(UntypedReport.class);
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();

    UntypedReport(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void report(String app, WebhookRead read) {
        for (WebhookRead.Skipped skipped : read.skipped()) {
            String kind = skipped.kind().name();
            counters.computeIfAbsent("skipped\n" + app + '\n' + kind, ignored -> Counter
                    .builder("baton.webhook.skipped").tag("app", app).tag("kind", kind).register(registry))
                    .increment();
            warnOncePerMinute(app, "skipped " + kind, skipped.path(), read.object());
        }
        if (read.batch().isEmpty()) {
            return;
        }
        for (var event : read.events()) {
            if (event instanceof UnknownEvent unknown) {
                String reason = unknown.reason().name();
                counters.computeIfAbsent("untyped\n" + app + '\n' + reason, ignored -> Counter
                        .builder("baton.webhook.events.untyped").tag("app", app).tag("reason", reason)
                        .register(registry)).increment();
                warnOncePerMinute(app, "untyped " + reason, unknown.path(), null);
            }
        }
    }

    private void warnOncePerMinute(String app, String what, String path, String object) {
        long now = clock.millis();
        AtomicLong last = lastLogged.computeIfAbsent(app + '\n' + what, ignored -> new AtomicLong(Long.MIN_VALUE));
        long previous = last.get();
        if (previous != Long.MIN_VALUE && now - previous < LOG_INTERVAL_MILLIS || !last.compareAndSet(previous, now)) {
            return;
        }
        if (object != null && what.endsWith("UNKNOWN_OBJECT")) {
            LOG.warn("app '{}': accepted and journaled a body for object '{}', which Baton does not route "
                    + "(logged at most once a minute)", app, printable(object));
        } else {
            LOG.warn("app '{}': accepted a body with an event or part Baton cannot type: {} at {} (kept raw in the "
                    + "journal; logged at most once a minute per reason)", app, what, path);
        }
    }

    /** The object name is the sender's text: no control characters and no more than 40 characters in a log line. */
    private static String printable(String text) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
