package dev.baton.ingest;

import static java.util.Objects.requireNonNull;

import dev.baton.dispatch.Acceptance;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookAnswer.Reason;
import dev.baton.server.WebhookEndpoint;
import dev.baton.webhook.SignatureCheck;
import dev.baton.webhook.SubscriptionCheck;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookRead;
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

/**
 * The transport-free webhook entry point: everything between Meta's POST and the HTTP answer, for one
 * deployment's hosted apps.
 *
 * <p>{@link #receive}: the app by name (404), the signature over the raw bytes with that app's secret before
 * anything is parsed (401 missing, 403 malformed or wrong), the read (400, naming the problem, only when the
 * body cannot be a webhook: not UTF-8 JSON, not an object, no {@code entry} array; untyped events and bodies
 * for other objects are accepted, counted and logged), then the
 * batch goes to the dispatcher in one call ({@link Dispatcher#accept}: room in the queue, the journal append,
 * the events queued), which decides between 200 and 503 + Retry-After (full, not started / draining, journal
 * unavailable). Nothing is journaled or queued for a refused request. Answers never contain a secret, an
 * expected signature or the body. This is the {@link WebhookEndpoint} a transport hands requests to.
 *
 * <p>Thread-safe; {@link #receiveAsync} never blocks the caller (the future completes when the journal has
 * the batch), {@link #receive} waits for it.
 */
public final class WebhookIngest implements WebhookEndpoint {

    private static final int MAX_PATH_IN_MESSAGE = 200;
    /** Immutable, so one for every accepted batch, and one completed future of it for the transport to read. */
    private static final WebhookAnswer RECEIVED = WebhookAnswer.ok("EVENT_RECEIVED");
    private static final CompletableFuture<WebhookAnswer> RECEIVED_NOW = CompletableFuture.completedFuture(RECEIVED);

    private final Map<String, IngestApp> apps;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final UntypedReport untyped;
    private final WebhookParser parser = new WebhookParser();
    private final int retryAfterSeconds;

    public WebhookIngest(List<IngestApp> apps, Dispatcher dispatcher, Clock clock, MeterRegistry registry,
                         int retryAfterSeconds) {
        this.apps = requireNonNull(apps, "apps is null").stream()
                .collect(Collectors.toUnmodifiableMap(IngestApp::name, Function.identity()));
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = new IngestMetrics(requireNonNull(registry, "registry is null"));
        this.untyped = new UntypedReport(registry, clock);
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

    @Override
    public boolean hosts(String appName) {
        return appName != null && apps.containsKey(appName);
    }

    /** Handles a POST and waits until the journal has the batch (or refused it). */
    public WebhookAnswer receive(String appName, String signature256Header, byte[] body) {
        return receiveAsync(appName, signature256Header, body).join();
    }

    /**
     * Like {@link #receive}, without blocking: every check up to the journal runs on the calling thread, the
     * future completes when the journal has kept (or refused) the batch. It never completes exceptionally.
     * Most answers are the same 200, ready at once with the heap journal: those get one shared, completed
     * future, so the common request allocates no answer and no future here.
     */
    @Override
    public CompletableFuture<WebhookAnswer> receiveAsync(String appName, String signature256Header, byte[] body) {
        requireNonNull(body, "body is null");
        IngestApp app = appName == null ? null : apps.get(appName);
        if (app == null) {
            return done(null, WebhookAnswer.refused(404, Reason.UNKNOWN_APP, "no hosted app at this path"));
        }
        SignatureCheck check = WebhookSignature.verify(body, signature256Header, app.appSecret());
        if (check != SignatureCheck.VALID) {
            return done(app.name(), signatureRefusal(check));
        }
        WebhookRead read;
        try {
            // Refused only when the body cannot be a webhook; odd events inside are untyped, not refused.
            read = parser.read(body);
        } catch (WebhookParseException e) {
            return done(app.name(), WebhookAnswer.refused(400, Reason.BAD_JSON,
                    "invalid webhook body: " + e.reason() + " at " + shorten(e.path())));
        }
        if (!read.skipped().isEmpty() || hasUntyped(read)) {
            untyped.report(app.name(), read);
        }
        // An object Baton does not route is journaled like any batch, with no events (its platform is never read).
        WebhookBatch batch = read.batch().orElseGet(() -> new WebhookBatch(Platform.MESSENGER, List.of()));
        CompletableFuture<Acceptance> accepted = dispatcher.accept(app.name(), batch, body, clock.instant());
        if (accepted.isDone()) {
            WebhookAnswer answer = answer(app.name(), accepted.join());
            return answer == RECEIVED ? RECEIVED_NOW : CompletableFuture.completedFuture(answer);
        }
        return accepted.thenApply(acceptance -> answer(app.name(), acceptance));
    }

    private WebhookAnswer answer(String appName, Acceptance acceptance) {
        return count(appName, switch (acceptance) {
            case ACCEPTED -> RECEIVED;
            case FULL -> WebhookAnswer.retryLater(Reason.DISPATCHER_FULL, "too many events queued; retry later",
                    retryAfterSeconds);
            case NOT_ACCEPTING -> WebhookAnswer.retryLater(Reason.NOT_READY, "not accepting webhooks now; retry later",
                    retryAfterSeconds);
            case JOURNAL_UNAVAILABLE -> WebhookAnswer.retryLater(Reason.JOURNAL_UNAVAILABLE,
                    "cannot store the batch now; retry later", retryAfterSeconds);
        });
    }

    private static boolean hasUntyped(WebhookRead read) {
        for (var event : read.events()) {
            if (event instanceof dev.baton.event.UnknownEvent) {
                return true;
            }
        }
        return false;
    }

    /**
     * Answers Meta's GET subscription check: 200 with the challenge when mode is {@code subscribe} and the
     * token matches the app's verify token (compared in constant time), 403 otherwise, 404 for an unknown app.
     */
    @Override
    public WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge) {
        IngestApp app = appName == null ? null : apps.get(appName);
        if (app == null) {
            return WebhookAnswer.refused(404, Reason.UNKNOWN_APP, "no hosted app at this path");
        }
        Optional<String> answer = SubscriptionCheck.answer(mode, verifyToken, challenge, app.verifyToken());
        metrics.subscriptionCheck(app.name(), answer.isPresent());
        return answer.map(WebhookAnswer::ok).orElseGet(() -> WebhookAnswer.refused(403, Reason.WRONG_VERIFY_TOKEN,
                "subscription check refused: mode or verify token does not match"));
    }

    private static WebhookAnswer signatureRefusal(SignatureCheck check) {
        return switch (check) {
            case MISSING -> WebhookAnswer.refused(401, Reason.MISSING_SIGNATURE, "missing X-Hub-Signature-256 header");
            case MALFORMED -> WebhookAnswer.refused(403, Reason.MALFORMED_SIGNATURE,
                    "malformed X-Hub-Signature-256 header (expected sha256=<64 hex digits>)");
            case MISMATCH, VALID -> WebhookAnswer.refused(403, Reason.WRONG_SIGNATURE, "signature does not match the body");
        };
    }

    private CompletableFuture<WebhookAnswer> done(String appName, WebhookAnswer result) {
        return CompletableFuture.completedFuture(count(appName, result));
    }

    private WebhookAnswer count(String appName, WebhookAnswer result) {
        metrics.batch(appName, result);
        return result;
    }

    private static String shorten(String path) {
        if (path == null) {
            return "(unknown)";
        }
        return path.length() <= MAX_PATH_IN_MESSAGE ? path : path.substring(0, MAX_PATH_IN_MESSAGE) + "...";
    }
}
