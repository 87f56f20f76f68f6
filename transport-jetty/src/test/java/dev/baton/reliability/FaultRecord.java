package dev.baton.reliability;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the fault suite's apps saw and did, shared by every app instance of one deployment: each event key
 * ({@code kind:mid}) each app was handed, with a count, and every send or pass each app attempted per person,
 * in the order the conversation's lane ran them, with the outcome the Graph client reported. Thread-safe.
 */
final class FaultRecord {

    /** What the Graph client told the app about one call. */
    enum Outcome {
        /** Meta answered 2xx. */
        DONE,
        /** A typed error saying Meta did nothing (after the client's retries, if any). */
        FAILED,
        /** The outcome is unknown (a timeout): Meta may or may not have done it. */
        UNKNOWN
    }

    enum Kind { SEND, PASS }

    /** One call the app made: for a send, {@code subject} is the text and {@code mid} Meta's message id. */
    record Attempt(String appName, String psid, Kind kind, String subject, Outcome outcome, String mid, String error) {
        Attempt {
            requireNonNull(appName, "appName is null");
            requireNonNull(psid, "psid is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(outcome, "outcome is null");
        }
    }

    /** Who Baton said owns a conversation, asked through {@code Conversation.owner()} by one app. */
    record OwnerAnswer(String ownerAppId, boolean ownedByAsker) {}

    private final Map<String, Map<String, AtomicInteger>> seen = new ConcurrentHashMap<>();
    private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();
    private final Map<String, OwnerAnswer> ownerAnswers = new ConcurrentHashMap<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicReference<CountDownLatch> holding = new AtomicReference<>(new CountDownLatch(0));

    void saw(String appName, String eventKey) {
        seen.computeIfAbsent(appName, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(eventKey, key -> new AtomicInteger()).incrementAndGet();
    }

    /** How often each event key reached app {@code appName}'s callbacks. */
    Map<String, Integer> seenBy(String appName) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        seen.getOrDefault(appName, Map.of()).forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    void attempted(Attempt attempt) {
        List<Attempt> list = attempts.computeIfAbsent(attempt.psid(), psid -> new ArrayList<>());
        synchronized (list) {
            list.add(attempt);
        }
    }

    /** The person's attempts in lane order (the order the apps made them). */
    List<Attempt> attemptsFor(String psid) {
        List<Attempt> list = attempts.getOrDefault(psid, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    List<Attempt> allAttempts() {
        List<Attempt> all = new ArrayList<>();
        attempts.keySet().forEach(psid -> all.addAll(attemptsFor(psid)));
        return all;
    }

    void ownerAnswer(String appName, String psid, OwnerAnswer answer) {
        ownerAnswers.put(appName + "/" + psid, answer);
    }

    OwnerAnswer takeOwnerAnswer(String appName, String psid) {
        return ownerAnswers.remove(appName + "/" + psid);
    }

    /** From now on a message containing the word {@code hold} waits in its handler until {@link #release()}. */
    void holdNext() {
        hold.set(new CountDownLatch(1));
        holding.set(new CountDownLatch(1));
    }

    boolean awaitHolding() throws InterruptedException {
        return holding.get().await(20, TimeUnit.SECONDS);
    }

    void release() {
        hold.get().countDown();
    }

    void waitIfHeld() {
        holding.get().countDown();
        try {
            if (!hold.get().await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released a held handler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
