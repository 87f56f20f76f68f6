package dev.baton.transport;

import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookEndpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook POST from its headers to its answer: read the body (bounded), hand it to the endpoint, answer
 * when the endpoint's future completes, or when the request deadline passes, whichever comes first. Exactly
 * one answer is written.
 */
final class WebhookExchange {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookExchange.class);

    private final WebhookEndpoint endpoint;
    private final String appName;
    private final String signature;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ServerOptions options;
    private final Runnable onAnswered;
    private final Runnable onLateBody;
    private BoundedBodyReader reader;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private volatile boolean bodyRead;
    /** Guarded by this; set once, only when the exchange has to wait (see {@link #armDeadline}). */
    private Scheduler.Task deadline;
    private boolean deadlineArmed;

    WebhookExchange(WebhookEndpoint endpoint, String appName, String signature, Request request, Response response,
            Callback callback, ServerOptions options, Runnable onAnswered, Runnable onLateBody) {
        this.endpoint = endpoint;
        this.appName = appName;
        this.signature = signature;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.options = options;
        this.onAnswered = onAnswered;
        this.onLateBody = onLateBody;
    }

    void start() {
        BoundedBodyReader started = BoundedBodyReader.read(request, options.maxBodyBytes(), onLateBody);
        synchronized (this) {
            reader = started;
        }
        CompletableFuture<byte[]> read = started.result();
        if (!read.isDone()) {
            armDeadline();
        }
        read.whenComplete((body, failure) -> {
            if (failure != null) {
                onReadFailure(failure);
            } else {
                bodyRead = true;
                ingest(body);
            }
        });
    }

    private void ingest(byte[] body) {
        CompletableFuture<WebhookAnswer> answer;
        try {
            answer = endpoint.receiveAsync(appName, signature, body);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (!answer.isDone()) {
            armDeadline();
        }
        answer.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("webhook for app {} failed unexpectedly; answering 503", appName, unwrap(failure));
                answer(WebhookAnswer.retryLater(WebhookAnswer.Reason.UNAVAILABLE, "temporarily unavailable",
                        options.retryAfterSeconds()));
            } else {
                answer(result);
            }
        });
    }

    private void onReadFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BodyTooLargeException) {
            if (claim()) {
                WebhookHandler.tooLarge(response, callback);
            }
        } else if (cause instanceof TimeoutException) {
            answer(WebhookAnswer.refused(408, WebhookAnswer.Reason.BODY_NOT_RECEIVED, "request body not received in time"));
        } else {
            // The client went away or sent broken framing; there is nobody to answer, but finish cleanly.
            answer(WebhookAnswer.refused(400, WebhookAnswer.Reason.BODY_UNREADABLE, "request body could not be read"));
        }
    }

    private void onDeadline() {
        if (bodyRead) {
            // The journal is slow: Meta will retry, and the dispatcher drops the duplicate if the batch did land.
            answer(WebhookAnswer.retryLater(WebhookAnswer.Reason.NOT_ANSWERED_IN_TIME, "not accepted in time, retry later",
                    options.retryAfterSeconds()));
        } else {
            answer(WebhookAnswer.refused(408, WebhookAnswer.Reason.BODY_NOT_RECEIVED, "request body not received in time"));
        }
    }

    private void answer(WebhookAnswer answer) {
        if (!claim()) {
            return;
        }
        if (answer.status() == 200) {
            Answers.text(response, callback, 200, answer.message());
            return;
        }
        if (answer.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        if (answer.status() == 408) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        Answers.error(response, callback, answer.status(), answer.message());
    }

    /**
     * Starts the request deadline, counted from when the exchange began, the first time the exchange has to
     * wait: for the rest of the body, or for the endpoint's answer. A request whose body came with its headers
     * and whose answer is ready at once (the in-memory journal) never waits, so it never needs a timer:
     * scheduling and cancelling one per request cost two scheduler-lock round trips for nothing.
     */
    private void armDeadline() {
        synchronized (this) {
            if (deadlineArmed || answered.get()) {
                return;
            }
            deadlineArmed = true;
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            long remainingMillis = Math.max(0, options.requestTimeout().toMillis() - elapsedMillis);
            deadline = request.getComponents().getScheduler()
                    .schedule(this::onDeadline, remainingMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** True for the one caller that gets to answer. */
    private boolean claim() {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        Scheduler.Task armed;
        synchronized (this) {
            armed = deadline;
        }
        if (armed != null) {
            armed.cancel();
        }
        if (!bodyRead) {
            BoundedBodyReader current;
            synchronized (this) {
                current = reader;
            }
            if (current != null) {
                current.abandon();
            }
        }
        onAnswered.run();
        return true;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
