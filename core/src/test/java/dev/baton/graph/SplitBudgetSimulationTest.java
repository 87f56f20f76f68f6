package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Several instances of one Page, each with its share ({@link BudgetShare}) of the Page's limit applied to its
 * own {@link SendWindow}, against a simulated Meta that counts every instance's arrivals in one strict
 * sliding second. The shares move as leases do: an instance joins (the others give buckets up, then it takes
 * them), another joins, one is killed (its buckets are taken over a TTL later). Random network delays. Plain
 * numbers, a simulated millisecond clock.
 */
class SplitBudgetSimulationTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;
    private static final int PAGE_LIMIT = 30;
    private static final int BUCKETS = 16;

    /** Bucket shares over time, as BucketLeases would report them: a holder lowers before another raises. */
    private static final List<LongToDoubleFunction> SCHEDULE = List.of(
            t -> t < 5 * SECOND ? 1.0 : t < 10 * SECOND ? 8.0 / BUCKETS : t < 18 * SECOND ? 6.0 / BUCKETS : 8.0 / BUCKETS,
            t -> t < 5 * SECOND + 50 * MS ? 0 : t < 10 * SECOND ? 8.0 / BUCKETS : t < 15 * SECOND ? 5.0 / BUCKETS : 0,
            t -> t < 10 * SECOND + 60 * MS ? 0 : t < 18 * SECOND ? 5.0 / BUCKETS : 8.0 / BUCKETS);
    /** Instance 1 is killed at 15 s: it starts nothing after (what it had in flight still arrives). */
    private static final long KILLED_AT = 15 * SECOND;

    @Test
    void theInstancesTogetherNeverExceedThePagesLimitAtMetaWhileTheSharesMove() {
        for (long seed = 1; seed <= 10; seed++) {
            Result result = simulate(seed, SECOND + MS);
            assertThat(result.worstSecond).as("seed %d: most arrivals in one sliding second", seed)
                    .isLessThanOrEqualTo(PAGE_LIMIT);
            assertThat(result.calls).as("seed %d: the instances kept sending", seed).isGreaterThan(20 * PAGE_LIMIT / 2);
        }
    }

    @Test
    void withoutWaitingAWindowBeforeSpendingARiseTheSplitWouldDraw613() {
        // The control that shows the test above can fail: the new holder spends its share while the old
        // holder's last second still counts at Meta.
        int worst = 0;
        for (long seed = 1; seed <= 10; seed++) {
            worst = Math.max(worst, simulate(seed, 0).worstSecond);
        }
        assertThat(worst).isGreaterThan(PAGE_LIMIT);
    }

    private record Result(int worstSecond, int calls) {}

    private static Result simulate(long seed, long raiseDelay) {
        Random random = new Random(seed);
        List<Instance> instances = new ArrayList<>();
        for (LongToDoubleFunction schedule : SCHEDULE) {
            instances.add(new Instance(schedule, new BudgetShare(raiseDelay)));
        }
        List<Long> arrivals = new ArrayList<>();
        long maxDelay = seed % 2 == 0 ? 80 * MS : 2 * MS;
        for (long now = 0; now < 20 * SECOND; now += MS) {
            for (int i = 0; i < instances.size(); i++) {
                Instance instance = instances.get(i);
                for (Iterator<Long> answers = instance.answers.iterator(); answers.hasNext(); ) {
                    long answer = answers.next();
                    if (answer <= now) {
                        instance.window.end(answer, true);
                        answers.remove();
                    }
                }
                if (i == 1 && now >= KILLED_AT) {
                    continue;
                }
                instance.follow(now);
                while (instance.window.earliestStart(now) <= now) { // callers always waiting
                    instance.window.start(now);
                    long forward = (long) (random.nextDouble() * maxDelay);
                    long back = (long) (random.nextDouble() * maxDelay);
                    arrivals.add(now + forward);
                    instance.answers.add(now + forward + back);
                }
            }
        }
        arrivals.sort(Long::compare);
        int worst = 0;
        int from = 0;
        for (int to = 0; to < arrivals.size(); to++) {
            while (arrivals.get(to) - arrivals.get(from) >= SECOND) {
                from++;
            }
            worst = Math.max(worst, to - from + 1);
        }
        return new Result(worst, arrivals.size());
    }

    /** One instance: its share, its window (the lane's resize, without pacing) and its calls in flight. */
    private static final class Instance {
        final LongToDoubleFunction schedule;
        final BudgetShare share;
        final SendWindow window = new SendWindow(PAGE_LIMIT, SECOND + MS, 0, 0);
        final List<Long> answers = new ArrayList<>();

        Instance(LongToDoubleFunction schedule, BudgetShare share) {
            this.schedule = schedule;
            this.share = share;
            window.resize(0, SECOND + MS, 0, 0);
        }

        void follow(long now) {
            double before = share.applied();
            double after = share.update(schedule.applyAsDouble(now), now);
            if (after != before) {
                BudgetShare.Limit limit = BudgetShare.limitFor(PAGE_LIMIT, after, SECOND + MS);
                window.resize(limit.calls(), limit.windowNanos(), 0, 0);
            }
        }
    }
}
