package dev.baton.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneExecutorTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final LaneExecutor<Integer> lanes = new LaneExecutor<>(workers);

    @AfterEach
    void shutDown() {
        lanes.stop();
        workers.shutdownNow();
    }

    @Test
    void manySubmittersKeepEachKeysOrderAndNeverOverlapAKey() throws InterruptedException {
        int submitters = 4;
        int keysPerSubmitter = 25;
        int tasksPerKey = 400;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(submitters * keysPerSubmitter * tasksPerKey);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int firstKey = s * keysPerSubmitter; // each key has one submitter, whose order is the key's order
            Thread thread = new Thread(() -> {
                for (int n = 0; n < tasksPerKey; n++) {
                    for (int key = firstKey; key < firstKey + keysPerSubmitter; key++) {
                        int k = key;
                        int value = n;
                        lanes.submit(k, () -> {
                            AtomicInteger mine = running.computeIfAbsent(k, x -> new AtomicInteger());
                            if (mine.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.computeIfAbsent(k, x -> Collections.synchronizedList(new ArrayList<>())).add(value);
                            mine.decrementAndGet();
                            done.countDown();
                        });
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(submitters * keysPerSubmitter);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < tasksPerKey; n++) {
            expected.add(n);
        }
        seen.values().forEach(values -> assertThat(values).containsExactlyElementsOf(expected));
        assertThat(waitFor(() -> lanes.activeLanes() == 0)).isTrue();
    }

    @Test
    void aTaskSubmittedWhileItsLaneRetiresRunsAfterTheEarlierOne() throws InterruptedException {
        // Each task submits the next one for the same key from inside the lane or from outside, so new tasks
        // keep meeting a lane that has just emptied or is retiring.
        int rounds = 20_000;
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(rounds);
        for (int i = 0; i < rounds; i++) {
            int value = i;
            lanes.submit(7, () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(value);
                running.decrementAndGet();
                done.countDown();
            });
            if (i % 3 == 0) {
                Thread.onSpinWait(); // let the runner catch up now and then, so the lane empties and retires
            }
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(rounds);
        for (int i = 0; i < rounds; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(waitFor(() -> lanes.activeLanes() == 0)).isTrue();
    }

    @Test
    void oneBusyKeyDoesNotStarveAnotherOnASingleWorker() throws InterruptedException {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            LaneExecutor<String> oneWorker = new LaneExecutor<>(single);
            CountDownLatch hold = new CountDownLatch(1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            oneWorker.submit("busy", () -> await(hold));
            for (int i = 0; i < 3 * LaneExecutor.BURST; i++) {
                oneWorker.submit("busy", () -> order.add("busy"));
            }
            CountDownLatch quietRan = new CountDownLatch(1);
            oneWorker.submit("quiet", () -> {
                order.add("quiet");
                quietRan.countDown();
            });
            hold.countDown();

            assertThat(quietRan.await(10, TimeUnit.SECONDS)).isTrue();
            // The busy lane gives the worker back after a burst, so the quiet one runs before the busy one ends.
            assertThat(order.indexOf("quiet")).isLessThan(3 * LaneExecutor.BURST);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void afterStopQueuedTasksDoNotRun() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger later = new AtomicInteger();
        lanes.submit(1, () -> {
            entered.countDown();
            await(release);
        });
        lanes.submit(1, later::incrementAndGet);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        lanes.stop();
        release.countDown();
        workers.shutdown();

        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later).hasValue(0);
    }

    @Test
    void aFailingTaskDoesNotStallItsLane() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        lanes.submit(1, () -> {
            throw new IllegalStateException("bug in a task");
        });
        lanes.submit(1, after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitingStepHoldsItsLanesPlaceButNotItsThread() throws InterruptedException {
        // One worker: if the waiting step held it, the other key could never run.
        ExecutorService single = Executors.newSingleThreadExecutor();
        LaneExecutor<Integer> oneThread = new LaneExecutor<>(single);
        try {
            CompletableFuture<Runnable> durable = new CompletableFuture<>();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch otherKeyRan = new CountDownLatch(1);
            CountDownLatch allDone = new CountDownLatch(1);
            oneThread.submitStep(1, onCaller -> {
                order.add("first, before its wait");
                return durable;
            });
            oneThread.submit(1, () -> {
                order.add("second");
                allDone.countDown();
            });
            oneThread.submit(2, otherKeyRan::countDown);

            assertThat(otherKeyRan.await(10, TimeUnit.SECONDS)).as("the other key ran while key 1 waited").isTrue();
            assertThat(order).containsExactly("first, before its wait");
            // Key 2's lane retires just after its task ran: wait for that, then only key 1's is left.
            assertThat(waitFor(() -> oneThread.activeLanes() == 1)).as("key 1's lane is kept while it waits").isTrue();
            assertThat(oneThread.activeLanes()).isEqualTo(1);

            durable.complete(() -> order.add("first, the rest"));
            assertThat(allDone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("first, before its wait", "first, the rest", "second");
        } finally {
            oneThread.stop();
            single.shutdownNow();
        }
    }

    @Test
    void aStepThatFailsWhileWaitingDoesNotStallItsLane() throws InterruptedException {
        CompletableFuture<Runnable> waiting = new CompletableFuture<>();
        CountDownLatch after = new CountDownLatch(1);
        lanes.submitStep(1, onCaller -> waiting);
        lanes.submit(1, after::countDown);
        waiting.completeExceptionally(new IllegalStateException("the disk went away"));
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStepAlreadyCompleteRunsItsRestAtOnceInOrder() throws InterruptedException {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            lanes.submitStep(7, onCaller -> CompletableFuture.completedFuture(() -> order.add(n)));
        }
        lanes.submit(7, done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(100).isSorted();
    }

    @Test
    void aStepStartedHereWaitsOnTheCallerAndFinishesOnAWorkerInOrder() throws InterruptedException {
        Thread caller = Thread.currentThread();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> restOnCaller = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Runnable> durable = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        lanes.submitStep(3, onCaller -> {
            order.add("first started " + (onCaller && Thread.currentThread() == caller ? "here" : "elsewhere"));
            return durable;
        }, true);
        // The lane is busy now: these queue behind, and a queued step starts on a worker.
        lanes.submitStep(3, onCaller -> {
            order.add("second started " + (onCaller ? "here" : "on a worker"));
            return null;
        }, true);
        lanes.submit(3, done::countDown);
        assertThat(order).containsExactly("first started here");

        durable.complete(() -> {
            restOnCaller.add(Thread.currentThread() == caller);
            order.add("first finished");
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first started here", "first finished", "second started on a worker");
        assertThat(restOnCaller).containsExactly(false);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
