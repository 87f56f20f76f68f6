package dev.baton.ingest;

import static java.util.Objects.requireNonNull;

import dev.baton.dispatch.Admission;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.WebhookBatch;
import dev.baton.ingest.IngestResult.Reason;
import dev.baton.spi.EventJournal;
import dev.baton.webhook.SignatureCheck;
import dev.baton.webhook.SubscriptionCheck;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-free webhook entry point: everything between Meta's POST and the HTTP answer, for one
 * deployment's hosted apps.
 *
 * <p>{@link #receive}: the app by name (404), the signature over the raw bytes with that app's secret before
 * anything is parsed (401 missing, 403 malformed or wrong), the parse (400, naming the problem), room in the
 * dispatcher (503 + Retry-After when full or not started / draining), the journal append (503 when it cannot
 * keep the batch), then the events are queued and the answer is 200. Nothing is journaled or queued for a
 * refused request. Answers never contain a secret, an expected signature or the body.
 *
 * <p>Thread-safe; {@link #receiveAsync} never blocks the caller (the future completes when the journal has
 * the batch), {@link #receive} waits for it.
 */
public final class WebhookIngest {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngest.class);
    private static final int MAX_PATH_IN_MESSAGE = 200;
    /** Immutable, so one for every accepted batch. */
    private static final IngestResult RECEIVED = IngestResult.ok("EVENT_RECEIVED");

    private final Map<String, IngestApp> apps;
    private final Dispatcher dispatcher;
    private final EventJournal journal;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final WebhookParser parser = new WebhookParser();
    private final int retryAfterSeconds;

    public WebhookIngest(List<IngestApp> apps, Dispatcher dispatcher, EventJournal journal, Clock clock,
                         MeterRegistry registry, int retryAfterSeconds) {
        this.apps = requireNonNull(apps, "apps is null").stream()
                .collect(Collectors.toUnmodifiableMap(IngestApp::name, Function.identity()));
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.journal = requireNonNull(journal, "journal is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = new IngestMetrics(requireNonNull(registry, "registry is null"));
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds is negative");
        }
        this.retryAfterSeconds = retryAfterSeconds;
        for (IngestApp app : apps) {
            if (dispatcher.targets().get(app.name()) == null) {
                throw new IllegalArgumentException("app " + app.name() + " has no dispatch target");
            }
        }
    }

    /** The hosted apps' names: the path segments this ingest answers for. */
    public Set<String> appNames() {
        return apps.keySet();
    }

    /** Handles a POST and waits until the journal has the batch (or refused it). */
    public IngestResult receive(String appName, String signature256Header, byte[] body) {
        return receiveAsync(appName, signature256Header, body).join();
    }

    /**
     * Like {@link #receive}, without blocking: every check up to the journal runs on the calling thread, the
     * future completes when the journal has kept (or refused) the batch. It never completes exceptionally.
     */
    public CompletableFuture<IngestResult> receiveAsync(String appName, String signature256Header, byte[] body) {
        requireNonNull(body, "body is null");
        IngestApp app = appName == null ? null : apps.get(appName);
        if (app == null) {
            return done(null, IngestResult.refused(404, Reason.UNKNOWN_APP, "no hosted app at this path"));
        }
        SignatureCheck check = WebhookSignature.verify(body, signature256Header, app.appSecret());
        if (check != SignatureCheck.VALID) {
            return done(app.name(), signatureRefusal(check));
        }
        WebhookBatch batch;
        try {
            batch = parser.parse(body);
        } catch (WebhookParseException e) {
            return done(app.name(), IngestResult.refused(400, Reason.BAD_JSON,
                    "invalid webhook body: " + e.reason() + " at " + shorten(e.path())));
        }
        int eventCount = batch.events().size();
        Admission admission = dispatcher.admit(eventCount);
        if (!admission.accepted()) {
            return done(app.name(), admission.status() == Admission.Status.FULL
                    ? IngestResult.retryLater(Reason.DISPATCHER_FULL, "too many events queued; retry later",
                            retryAfterSeconds)
                    : IngestResult.retryLater(Reason.NOT_READY, "not accepting webhooks now; retry later",
                            retryAfterSeconds));
        }
        CompletableFuture<Long> appended;
        try {
            appended = journal.append(app.name(), body, clock.instant(), eventCount);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return appended.handle((batchId, failure) -> {
            if (failure != null) {
                dispatcher.cancel(admission);
                LOG.warn("journal refused a batch for app '{}' ({})", app.name(), rootCause(failure).getClass().getName());
                return count(app.name(), IngestResult.retryLater(Reason.JOURNAL_UNAVAILABLE,
                        "cannot store the batch now; retry later", retryAfterSeconds));
            }
            try {
                dispatcher.enqueue(app.name(), batch, batchId, admission);
            } catch (RuntimeException e) {
                // The batch is journaled, so it is not lost: the next start replays it. Meta must not resend.
                LOG.error("could not queue journaled batch {} for app '{}' ({})", batchId, app.name(),
                        e.getClass().getName());
            }
            return count(app.name(), RECEIVED);
        });
    }

    /**
     * Answers Meta's GET subscription check: 200 with the challenge when mode is {@code subscribe} and the
     * token matches the app's verify token (compared in constant time), 403 otherwise, 404 for an unknown app.
     */
    public IngestResult verifySubscription(String appName, String mode, String verifyToken, String challenge) {
        IngestApp app = appName == null ? null : apps.get(appName);
        if (app == null) {
            return IngestResult.refused(404, Reason.UNKNOWN_APP, "no hosted app at this path");
        }
        Optional<String> answer = SubscriptionCheck.answer(mode, verifyToken, challenge, app.verifyToken());
        metrics.subscriptionCheck(app.name(), answer.isPresent());
        return answer.map(IngestResult::ok).orElseGet(() -> IngestResult.refused(403, Reason.WRONG_VERIFY_TOKEN,
                "subscription check refused: mode or verify token does not match"));
    }

    private static IngestResult signatureRefusal(SignatureCheck check) {
        return switch (check) {
            case MISSING -> IngestResult.refused(401, Reason.MISSING_SIGNATURE, "missing X-Hub-Signature-256 header");
            case MALFORMED -> IngestResult.refused(403, Reason.MALFORMED_SIGNATURE,
                    "malformed X-Hub-Signature-256 header (expected sha256=<64 hex digits>)");
            case MISMATCH, VALID -> IngestResult.refused(403, Reason.WRONG_SIGNATURE, "signature does not match the body");
        };
    }

    private CompletableFuture<IngestResult> done(String appName, IngestResult result) {
        return CompletableFuture.completedFuture(count(appName, result));
    }

    private IngestResult count(String appName, IngestResult result) {
        metrics.batch(appName, result);
        return result;
    }

    private static String shorten(String path) {
        if (path == null) {
            return "(unknown)";
        }
        return path.length() <= MAX_PATH_IN_MESSAGE ? path : path.substring(0, MAX_PATH_IN_MESSAGE) + "...";
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
