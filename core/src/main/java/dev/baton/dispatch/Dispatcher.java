package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.config.DispatchSettings;
import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.EventJournal;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.WorkSource;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs verified, journaled webhook batches through the hosted apps' callbacks: one lane per conversation
 * (across all hosted apps), one event at a time per lane in arrival order, lanes in parallel on
 * {@code workers} threads. What happens to each event is {@link EventHandling}'s job; this class owns the
 * lanes, the bound, the timers, start-up replay and draining.
 *
 * <p>Back-pressure: at most {@code maxQueuedEvents} events from webhooks wait at once; {@link #admit} refuses
 * beyond that (the ingest answers 503 + Retry-After). Lifecycle: {@link #start} (replays the journal's
 * pending batches before admitting anything new, loads timers, starts the timer tick), then
 * {@link #drain}, then {@link #close}. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** One completed future per outcome, shared: {@link #accept} answers most batches with one of these. */
    private static final Map<Acceptance, CompletableFuture<Acceptance>> DONE = completedOutcomes();

    private final Map<String, DispatchTarget> targets;
    private final EventJournal journal;
    private final DispatchSettings settings;
    private final TimerScheduler timers;
    private final Clock clock;
    private final EventHandling handling;
    private final TimerFiring timerFiring;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final LaneExecutor<ConversationKey> lanes;
    private final QueueBound bound;
    private final DispatchMetrics metrics;
    private final AtomicLong handled = new AtomicLong();
    /** Null on the single-instance path; see {@link WorkSource}. */
    private final WorkSource workSource;
    /** The store's claims only queue (ConversationStore#claimsWithoutBlocking): start them on the journaling thread. */
    private final boolean startClaimsHere;
    private volatile State state = State.NEW;

    private enum State { NEW, STARTING, RUNNING, DRAINING, CLOSED }

    Dispatcher(DispatcherBuilder builder) {
        this.journal = requireNonNull(builder.journal, "journal is null");
        this.workSource = builder.workSource != null ? builder.workSource
                : journal instanceof WorkSource source ? source : null;
        this.targets = builder.targets.stream()
                .map(target -> workSource == null ? target : new DispatchTarget(target.app(), target.handler(),
                        new FencedOutbound(target.outbound(), workSource)))
                .collect(Collectors.toUnmodifiableMap(DispatchTarget::name, Function.identity()));
        ConversationStore store = requireNonNull(builder.store, "store is null");
        this.startClaimsHere = store.claimsWithoutBlocking();
        this.clock = requireNonNull(builder.clock, "clock is null");
        MeterRegistry registry = requireNonNull(builder.registry, "registry is null");
        this.settings = requireNonNull(builder.settings, "settings is null");
        Platform platform = requireNonNull(builder.platform, "platform is null");
        this.metrics = new DispatchMetrics(registry);
        this.timers = new TimerScheduler(store, clock);
        this.handling = new EventHandling(journal, store, List.copyOf(builder.listeners), clock, timers, metrics,
                new Deduplicator(store, settings.watermarkCapacity()), builder.pageId, workSource);
        this.timerFiring = new TimerFiring(store, clock, timers, metrics, platform);
        this.workers = Executors.newFixedThreadPool(settings.workers(), DaemonThreads.named("baton-dispatch"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-timers"));
        this.lanes = new LaneExecutor<>(workers);
        this.bound = new QueueBound(settings.maxQueuedEvents());
        metrics.gauges(bound::depth, lanes::activeLanes, bound::waiting);
    }

    public static DispatcherBuilder builder() {
        return new DispatcherBuilder();
    }

    /**
     * Replays the journal's pending batches (events not marked done, in journal order), loads timers from the
     * store and starts the timer tick; from then on {@link #admit} accepts. Replay waits for room in the
     * queue rather than refusing. Call once.
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("dispatcher already started");
        }
        state = State.STARTING;
        if (workSource != null) {
            // The source feeds this instance's conversations' undone events and timers itself, replay first.
            state = State.RUNNING;
            workSource.start(new SourceSink());
            long interval = settings.timerInterval().toMillis();
            ticker.scheduleWithFixedDelay(this::tickSafely, interval, Math.max(1, interval), TimeUnit.MILLISECONDS);
            return;
        }
        timers.load();
        int replayed = new JournalReplay(journal, targets, this::submitReplayed).replay();
        if (replayed > 0) {
            LOG.info("replaying {} events not handled before the last stop", replayed);
        }
        long interval = settings.timerInterval().toMillis();
        state = State.RUNNING;
        runDueTimers(); // those that came due while stopped, right away
        ticker.scheduleWithFixedDelay(this::tickSafely, interval, Math.max(1, interval), TimeUnit.MILLISECONDS);
    }

    /** True once started and until draining begins. */
    public boolean isAccepting() {
        return state == State.RUNNING;
    }

    /**
     * Takes one verified batch for hosted app {@code appName}: room in the queue, then the journal append of
     * {@code body} (the raw bytes, handed over), then every event queued on its conversation's lane, in batch
     * order. The future completes once the journal has kept the batch (or refused it); it never completes
     * exceptionally. Nothing is journaled when there is no room, nothing is queued when the journal refuses.
     * When the journal answers at once (the heap journal) the future is a shared, completed one: read it, do
     * not complete it. The ingest's one call per batch.
     */
    public CompletableFuture<Acceptance> accept(String appName, WebhookBatch batch, byte[] body, Instant receivedAt) {
        requireNonNull(appName, "appName is null");
        requireNonNull(batch, "batch is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
        if (!targets.containsKey(appName)) {
            throw new IllegalArgumentException("no hosted app " + appName);
        }
        int eventCount = batch.events().size();
        Admission admission = admit(eventCount);
        if (admission.status() == Admission.Status.FULL && !settings.admissionWait().isZero()) {
            // A burst: wait in line for room (the 200 comes later) rather than have Meta back off and retry.
            return bound.takeOrWait(eventCount, settings.admissionWait().toNanos(), ticker).thenCompose(permits -> {
                if (permits < 0) {
                    metrics.admissionTimedOut();
                    return now(Acceptance.FULL);
                }
                Admission waited = new Admission(Admission.Status.ACCEPTED, eventCount, permits);
                if (state != State.RUNNING) {
                    cancel(waited); // began draining while it waited
                    return now(Acceptance.NOT_ACCEPTING);
                }
                return journalAndQueue(appName, batch, body, receivedAt, eventCount, waited);
            });
        }
        if (!admission.accepted()) {
            return now(admission.status() == Admission.Status.FULL ? Acceptance.FULL : Acceptance.NOT_ACCEPTING);
        }
        return journalAndQueue(appName, batch, body, receivedAt, eventCount, admission);
    }

    private CompletableFuture<Acceptance> journalAndQueue(String appName, WebhookBatch batch, byte[] body,
                                                          Instant receivedAt, int eventCount, Admission admission) {
        CompletableFuture<Long> appended;
        try {
            appended = journal.append(appName, body, receivedAt, eventCount);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        if (appended.isDone()) {
            // The common case with the heap journal: no second future, no callback.
            Long batchId = null;
            Throwable failure = null;
            try {
                batchId = appended.join();
            } catch (CompletionException | CancellationException e) {
                failure = e;
            }
            return now(queueJournaled(appName, batch, admission, batchId, failure));
        }
        return appended.handle((batchId, failure) -> queueJournaled(appName, batch, admission, batchId, failure));
    }

    private Acceptance queueJournaled(String appName, WebhookBatch batch, Admission admission, Long batchId,
                                      Throwable failure) {
        if (failure != null) {
            cancel(admission);
            LOG.warn("journal refused a batch for app '{}' ({})", appName, rootCause(failure).getClass().getName());
            return Acceptance.JOURNAL_UNAVAILABLE;
        }
        try {
            enqueue(appName, batch, batchId, admission);
        } catch (RuntimeException e) {
            // The batch is journaled, so it is not lost: the next start replays it. Meta must not resend.
            LOG.error("could not queue journaled batch {} for app '{}' ({})", batchId, appName, e.getClass().getName());
        }
        return Acceptance.ACCEPTED;
    }

    private static CompletableFuture<Acceptance> now(Acceptance acceptance) {
        return DONE.get(acceptance);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Map<Acceptance, CompletableFuture<Acceptance>> completedOutcomes() {
        Map<Acceptance, CompletableFuture<Acceptance>> futures = new EnumMap<>(Acceptance.class);
        for (Acceptance value : Acceptance.values()) {
            futures.put(value, CompletableFuture.completedFuture(value));
        }
        return futures;
    }

    /** Asks for room for a batch of {@code eventCount} events; never blocks. Prefer {@link #accept}. */
    public Admission admit(int eventCount) {
        if (eventCount < 0) {
            throw new IllegalArgumentException("eventCount is negative: " + eventCount);
        }
        if (state != State.RUNNING) {
            return Admission.NOT_ACCEPTING;
        }
        int permits = bound.tryTake(eventCount);
        if (permits < 0) {
            return Admission.FULL;
        }
        return new Admission(Admission.Status.ACCEPTED, eventCount, permits);
    }

    /** Gives back an admission whose batch could not be journaled. */
    public void cancel(Admission admission) {
        if (admission.use()) {
            bound.release(admission.events(), admission.permits());
        }
    }

    /**
     * Queues every event of {@code batch} (journaled as {@code batchId} for hosted app {@code appName}) on its
     * conversation's lane, in batch order.
     */
    public void enqueue(String appName, WebhookBatch batch, long batchId, Admission admission) {
        DispatchTarget target = targets.get(requireNonNull(appName, "appName is null"));
        requireNonNull(batch, "batch is null");
        List<WebhookEvent> events = batch.events();
        if (target == null || events.size() != admission.events() || !admission.use()) {
            throw new IllegalArgumentException("enqueue needs a fresh admission for this batch and a hosted app");
        }
        if (workSource != null) {
            // Journaled is all this instance owes Meta; whichever instance runs each conversation is woken by
            // the source and runs the events from the journal, in order.
            bound.release(admission.events(), admission.permits());
            return;
        }
        int permitsLeft = admission.permits();
        for (int index = 0; index < events.size(); index++) {
            boolean holdsPermit = permitsLeft-- > 0;
            submit(target, batch.platform(), events.get(index), batchId, index, holdsPermit, false);
        }
    }

    private void submitReplayed(DispatchTarget target, Platform platform, WebhookEvent event, long batchId, int index) {
        bound.takeOneWaiting();
        submit(target, platform, event, batchId, index, true, true);
    }

    private void submit(DispatchTarget target, Platform platform, WebhookEvent event, long batchId, int index,
                        boolean holdsPermit, boolean replayed) {
        try {
            lanes.submitStep(event.conversation(), onCaller -> {
                CompletionStage<Runnable> rest;
                try {
                    rest = handling.handle(target, platform, event, batchId, index, replayed, onCaller);
                } catch (RuntimeException | Error e) {
                    finished(holdsPermit);
                    throw e;
                }
                if (rest == null) {
                    finished(holdsPermit);
                    return null;
                }
                // The claim is on its way to disk; the lane resumes with the rest once it is durable.
                return rest.thenApply(work -> () -> {
                    try {
                        work.run();
                    } finally {
                        finished(holdsPermit);
                    }
                });
            }, startClaimsHere);
        } catch (RejectedExecutionException e) {
            // Closed under us: the event stays in the journal and is replayed at the next start.
            bound.release(1, holdsPermit ? 1 : 0);
        }
    }

    private void finished(boolean holdsPermit) {
        handled.incrementAndGet();
        bound.release(1, holdsPermit ? 1 : 0);
    }

    /** Hands every timer due on the clock to its conversation's lane; returns how many. The tick calls this too. */
    public int runDueTimers() {
        return timers.fireDue(due -> {
            bound.countIn();
            try {
                lanes.submit(due.timer().key(), () -> {
                    try {
                        if (workSource != null && !workSource.runsHere(due.timer().key())) {
                            timers.forget(due); // its conversation runs elsewhere now; the store keeps it
                            return;
                        }
                        timerFiring.fire(targets.get(due.timer().appName()), due);
                    } finally {
                        bound.release(1, 0);
                    }
                });
            } catch (RejectedExecutionException e) {
                bound.release(1, 0);
            }
        });
    }

    /**
     * A {@link ConversationTrigger} for hosted app {@code appName}: runs its {@code onTimer} in a conversation's
     * lane as soon as possible, through a timer due now (durable like timers). For input from outside Meta.
     */
    public ConversationTrigger trigger(String appName) {
        if (!targets.containsKey(requireNonNull(appName, "appName is null"))) {
            throw new IllegalArgumentException("no hosted app named " + appName);
        }
        return (conversation, timerName) -> {
            if (workSource != null) {
                // Kept in the shared store and run by whichever instance runs the conversation.
                workSource.schedule(new ConversationStore.StoredTimer(appName,
                        requireNonNull(conversation, "conversation is null"),
                        requireNonNull(timerName, "timerName is null"), clock.instant()));
                return;
            }
            timers.schedule(appName, requireNonNull(conversation, "conversation is null"),
                    requireNonNull(timerName, "timerName is null"), clock.instant());
            if (state == State.RUNNING) {
                runDueTimers();
            } // else kept: it fires once started (after replay), like any due timer
        };
    }

    private void tickSafely() {
        try {
            runDueTimers();
        } catch (RuntimeException e) {
            LOG.error("timer tick failed ({})", e.getClass().getName());
        }
    }


    /**
     * Stops admitting batches and firing timers, then waits up to {@code timeout} for every queued event to be
     * handled. Returns true when everything was handled in time.
     */
    public boolean drain(Duration timeout) {
        synchronized (this) {
            if (state == State.RUNNING || state == State.NEW) {
                state = State.DRAINING;
            }
        }
        if (workSource != null) {
            workSource.stop();
        }
        ticker.shutdown();
        return awaitIdle(timeout);
    }

    /** Waits up to {@code timeout} until no event or timer is queued; true when that happened in time. */
    public boolean awaitIdle(Duration timeout) {
        return bound.awaitEmpty(timeout);
    }


    /** Events admitted or queued and not yet handled (timers included). */
    public int queuedEvents() {
        return bound.depth();
    }

    /** Events handled (or dropped as duplicates) since start. */
    public long handledEvents() {
        return handled.get();
    }

    /** Timers set and not yet fired. */
    public int pendingTimers() {
        return timers.size();
    }

    public Map<String, DispatchTarget> targets() {
        return targets;
    }

    /** Stops at once: events still queued stay in the journal for the next start. Drain first to finish them. */
    @Override
    public void close() {
        synchronized (this) {
            state = State.CLOSED;
        }
        if (workSource != null) {
            workSource.stop();
        }
        ticker.shutdownNow();
        lanes.stop();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a {@link WorkSource} feeds: journaled batches (in per-conversation order) and adopted timers. */
    private final class SourceSink implements WorkSource.Sink {
        private final WebhookParser parser = new WebhookParser();

        @Override
        public void batch(JournaledBatch batch, boolean replayed) {
            DispatchTarget target = targets.get(batch.appName());
            if (target == null) {
                LOG.warn("journal batch {} is for app '{}', which is not hosted now; left in the journal",
                        batch.id(), batch.appName());
                return;
            }
            WebhookBatch parsed;
            try {
                parsed = parser.read(batch.body()).batch().orElse(null);
            } catch (WebhookParseException e) {
                LOG.error("journal batch {} no longer parses ({} at {}); left in the journal", batch.id(),
                        e.reason(), e.path());
                return;
            }
            if (parsed == null) {
                return; // an object Baton does not route: journaled with no events
            }
            List<WebhookEvent> events = parsed.events();
            for (int index = 0; index < events.size(); index++) {
                if (!batch.doneEvents().contains(index)) {
                    bound.takeOneWaiting();
                    submit(target, parsed.platform(), events.get(index), batch.id(), index, true, replayed);
                }
            }
        }

        @Override
        public void timers(List<ConversationStore.StoredTimer> adopted) {
            timers.adopt(adopted);
            if (state == State.RUNNING) {
                runDueTimers();
            }
        }
    }
}
