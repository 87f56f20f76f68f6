package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The share of a Page's send budget an instance applies, and the limit it makes: plain numbers, no clock. */
class BudgetShareTest {

    private static final long W = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theFirstShareIsARiseFromZeroSoItAppliesOneWindowAfterItWasFirstSeen() {
        BudgetShare share = new BudgetShare(W);
        assertThat(share.update(0.5, 100)).isZero();
        assertThat(share.raising()).isTrue();
        assertThat(share.raiseDueAt()).isEqualTo(100 + W);
        assertThat(share.update(0.5, 100 + W - 1)).isZero();
        assertThat(share.update(0.5, 100 + W)).isEqualTo(0.5);
        assertThat(share.raising()).isFalse();
    }

    @Test
    void aDropAppliesAtOnceAndCancelsAPendingRise() {
        BudgetShare share = applied(0.5);
        assertThat(share.update(0.75, 10 * W)).isEqualTo(0.5);
        assertThat(share.update(0.25, 10 * W + 1)).as("the drop, at once").isEqualTo(0.25);
        assertThat(share.raising()).isFalse();
        assertThat(share.update(0.75, 11 * W)).as("the old rise is forgotten: a new one starts").isEqualTo(0.25);
        assertThat(share.update(0.75, 12 * W - 1)).isEqualTo(0.25);
        assertThat(share.update(0.75, 12 * W)).isEqualTo(0.75);
    }

    @Test
    void aRiseTakesTheLowestShareSeenDuringItsDelayAndThenRisesFurther() {
        BudgetShare share = applied(0.25);
        share.update(0.75, 10 * W);
        share.update(0.5, 10 * W + W / 2);
        assertThat(share.update(0.75, 11 * W)).as("0.5 was all it surely had the whole window").isEqualTo(0.5);
        assertThat(share.raising()).as("0.75 is reported now: a rise to it starts").isTrue();
        assertThat(share.update(0.75, 12 * W)).isEqualTo(0.75);
    }

    @Test
    void reportsOutsideZeroToOneAreClampedAndNaNCountsAsNothing() {
        BudgetShare share = applied(0.5);
        assertThat(share.update(Double.NaN, 10 * W)).isZero();
        assertThat(share.update(-3, 10 * W)).isZero();
        share.update(7, 11 * W);
        assertThat(share.update(7, 12 * W)).isEqualTo(1.0);
    }

    @Test
    void limitsAreWholeCallsRoundedDownSoTheInstancesNeverAddUpToMoreThanThePage() {
        assertThat(BudgetShare.limitFor(20, 1.0, W)).isEqualTo(new BudgetShare.Limit(20, W));
        assertThat(BudgetShare.limitFor(20, 6.0 / 16, W)).isEqualTo(new BudgetShare.Limit(7, W));
        assertThat(BudgetShare.limitFor(20, 0, W)).isEqualTo(new BudgetShare.Limit(0, W));
        assertThat(BudgetShare.limitFor(10, 0.3, W)).as("no float error makes 2.999 out of 3")
                .isEqualTo(new BudgetShare.Limit(3, W));
        // Every split of 16 or 64 buckets over 1..16 instances (bucket b to instance b mod n), any Page limit.
        for (int buckets : new int[] {16, 64}) {
            for (int instances = 1; instances <= 16; instances++) {
                for (int pageLimit : new int[] {1, 2, 10, 20, 30, 300}) {
                    int sum = 0;
                    double rate = 0;
                    for (int me = 0; me < instances; me++) {
                        int held = 0;
                        for (int b = 0; b < buckets; b++) {
                            held += b % instances == me ? 1 : 0;
                        }
                        BudgetShare.Limit limit = BudgetShare.limitFor(pageLimit, (double) held / buckets, W);
                        assertThat(limit.windowNanos()).as("never a shorter window").isGreaterThanOrEqualTo(W);
                        if (limit.windowNanos() == W) {
                            sum += limit.calls();
                        }
                        rate += (double) limit.calls() * W / limit.windowNanos();
                    }
                    assertThat(sum).as(pageLimit + "/s over " + instances + " instances, whole-call shares")
                            .isLessThanOrEqualTo(pageLimit);
                    assertThat(rate).as("average rate").isLessThanOrEqualTo(pageLimit + 1e-9);
                }
            }
        }
    }

    @Test
    void aShareWorthLessThanOneCallPerWindowIsOneCallPerLongerWindow() {
        BudgetShare.Limit limit = BudgetShare.limitFor(10, 4.0 / 64, W);
        assertThat(limit.calls()).isEqualTo(1);
        assertThat(limit.windowNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1600));
    }

    private static BudgetShare applied(double value) {
        BudgetShare share = new BudgetShare(W);
        share.update(value, 0);
        assertThat(share.update(value, W)).isEqualTo(value);
        return share;
    }
}
