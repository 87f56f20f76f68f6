package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limiter's bookkeeping with explicit times (milliseconds written as nanoseconds). */
class SendWindowTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    @Test
    void aFreshWindowLetsTheFirstCallGoAtOnce() {
        SendWindow window = new SendWindow(3, SECOND, 0, 0);
        assertThat(window.earliestStart(5 * MS)).isEqualTo(5 * MS);
    }

    @Test
    void capacityComesBackOneWindowAfterTheAnswerNotAfterTheStart() {
        SendWindow window = new SendWindow(2, SECOND, 0, 0);
        window.start(0);
        window.start(10 * MS);
        assertThat(window.earliestStart(20 * MS)).isEqualTo(SendWindow.AFTER_AN_ANSWER);
        window.end(300 * MS, true); // the first call was answered late: it may have reached Meta just before
        assertThat(window.earliestStart(400 * MS)).isEqualTo(1300 * MS);
        assertThat(window.earliestStart(1300 * MS)).isEqualTo(1300 * MS);
        assertThat(window.counted(1300 * MS)).isEqualTo(1);
    }

    @Test
    void aSlowCallHoldsOneUnitOnlyAndFasterOnesAreReusedFirst() {
        SendWindow window = new SendWindow(2, SECOND, 0, 0);
        window.start(0);             // slow: never answered within this test
        window.start(1 * MS);
        window.end(2 * MS, true);    // answered quickly
        assertThat(window.earliestStart(3 * MS)).isEqualTo(1002 * MS);
        window.start(1002 * MS);
        assertThat(window.inFlight()).isEqualTo(2);
        assertThat(window.earliestStart(5000 * MS)).isEqualTo(SendWindow.AFTER_AN_ANSWER);
    }

    @Test
    void anUnansweredCallStaysCountedForOneMoreWindow() {
        SendWindow window = new SendWindow(1, SECOND, 0, 0);
        window.start(0);
        window.end(100 * MS, false);
        assertThat(window.earliestStart(1100 * MS)).isEqualTo(2100 * MS);
    }

    @Test
    void anUnansweredCallKeepsTheTimesInOrderSoLaterAnswersStillFreeCapacityFirst() {
        SendWindow window = new SendWindow(3, SECOND, 0, 0);
        window.start(0);
        window.start(0);
        window.start(0);
        window.end(10 * MS, false);  // counted until 2010
        window.end(20 * MS, true);   // counted until 1020
        window.end(30 * MS, true);   // counted until 1030
        assertThat(window.earliestStart(40 * MS)).isEqualTo(1020 * MS);
        window.start(1020 * MS);
        assertThat(window.earliestStart(1021 * MS)).isEqualTo(1030 * MS);
        window.start(1030 * MS);
        // two in flight and the unanswered one still counted: the next unit is free when that one expires
        assertThat(window.earliestStart(1031 * MS)).isEqualTo(2010 * MS);
        window.start(2010 * MS);
        assertThat(window.earliestStart(2011 * MS)).isEqualTo(SendWindow.AFTER_AN_ANSWER);
        window.end(2020 * MS, true);
        assertThat(window.earliestStart(2021 * MS)).isEqualTo(3020 * MS);
    }

    @Test
    void startsArePacedWithASmallTolerance() {
        SendWindow window = new SendWindow(100, SECOND, 10 * MS, 20 * MS);
        window.start(0);
        window.start(0);
        window.start(0);  // theoretical start now 30 ms: 2 intervals of tolerance used up
        assertThat(window.earliestStart(0)).isEqualTo(10 * MS);
        window.start(10 * MS);
        assertThat(window.earliestStart(11 * MS)).isEqualTo(20 * MS);
        // after an idle moment the schedule does not bank credit beyond the tolerance
        assertThat(window.earliestStart(500 * MS)).isEqualTo(500 * MS);
        window.start(500 * MS);
        window.start(500 * MS);
        window.start(500 * MS);
        assertThat(window.earliestStart(500 * MS)).isEqualTo(510 * MS);
    }

    @Test
    void countingFromTheStartIgnoresAnswers() {
        SendWindow window = new SendWindow(1, SECOND + 5 * MS, 0, 0).startsCount(true);
        window.start(0);
        assertThat(window.inFlight()).isZero();
        window.end(900 * MS, true);
        assertThat(window.earliestStart(10 * MS)).isEqualTo(1005 * MS);
    }

    @Test
    void startingWithoutCapacityOrEndingWithNothingInFlightIsRefused() {
        SendWindow window = new SendWindow(1, SECOND, 0, 0);
        assertThatThrownBy(() -> window.end(0, true)).isInstanceOf(IllegalStateException.class);
        window.start(0);
        assertThatThrownBy(() -> window.start(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SendWindow(0, SECOND, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLowerLimitHoldsAtOnceForTheCallsAlreadyCountedAndZeroStopsEveryStart() {
        SendWindow window = new SendWindow(4, SECOND, 0, 0);
        for (int i = 0; i < 4; i++) {
            window.start(i * MS);
            window.end(i * MS, true); // counted until (i ms + 1 s)
        }
        window.resize(2, SECOND, 0, 0);
        assertThat(window.limit()).isEqualTo(2);
        assertThat(window.earliestStart(10 * MS)).as("three of the four must age out first").isEqualTo(SECOND + 2 * MS);
        window.resize(0, SECOND, 0, 0);
        assertThat(window.earliestStart(5 * SECOND)).isEqualTo(SendWindow.AFTER_AN_ANSWER);
        window.resize(4, SECOND, 0, 0);
        window.start(5 * SECOND);
        assertThat(window.counted(5 * SECOND)).isEqualTo(1);
        assertThatThrownBy(() -> window.resize(5, SECOND, 0, 0)).as("above the limit it was built for")
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A simulated Meta with the strictest sliding window over arrival times, random delays both ways (up to
     * 80 ms, as on a loaded machine), many callers always ready: no window ever holds more than the limit,
     * and the limiter still keeps close to it when the answers are fast.
     */
    @Test
    void simulatedTrafficWithRandomJitterNeverExceedsTheLimitAtMeta() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int limit = 50;
            long maxDelay = seed % 2 == 0 ? 80 * MS : 2 * MS;
            SendWindow window = new SendWindow(limit, SECOND + MS, SECOND / limit, 4 * SECOND / limit);
            List<Long> arrivals = new ArrayList<>();
            ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {answerTime}
            long now = 0;
            long end = 20 * SECOND;
            while (now < end) {
                // deliver every answer that is due, in time order
                long current = now;
                List<long[]> due = inFlight.stream().filter(call -> call[0] <= current).sorted((a, b) -> Long.compare(a[0], b[0])).toList();
                for (long[] call : due) {
                    window.end(call[0], true);
                    inFlight.remove(call);
                }
                long at = window.earliestStart(now);
                if (at <= now) {
                    window.start(now);
                    long forward = (long) (random.nextDouble() * maxDelay);
                    long back = (long) (random.nextDouble() * maxDelay);
                    arrivals.add(now + forward);
                    inFlight.add(new long[] {now + forward + back});
                } else {
                    long nextAnswer = inFlight.stream().mapToLong(call -> call[0]).min().orElse(Long.MAX_VALUE);
                    now = Math.min(at, nextAnswer);
                }
            }
            arrivals.sort(Long::compare);
            for (int i = limit; i < arrivals.size(); i++) {
                assertThat(arrivals.get(i) - arrivals.get(i - limit)).as("seed %d, arrival %d", seed, i)
                        .isGreaterThanOrEqualTo(SECOND);
            }
            double perSecond = arrivals.size() / 20.0;
            if (maxDelay == 2 * MS) {
                assertThat(perSecond).as("seed %d", seed).isGreaterThan(0.99 * limit);
            }
        }
    }
}
