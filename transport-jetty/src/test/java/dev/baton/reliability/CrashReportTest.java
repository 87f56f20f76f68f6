package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.reliability.CrashReport.Delivery;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The crash test's checks can fail: each kind of breach is caught. */
class CrashReportTest {

    private static Delivery live(String user, int seq, String run) {
        return new Delivery(user, MessageSender.mid(user, seq), false, run);
    }

    private static Delivery again(String user, int seq, String run) {
        return new Delivery(user, MessageSender.mid(user, seq), true, run);
    }

    @Test
    void aCleanRunWithARedeliveryAcrossAKillPasses() {
        CrashReport report = CrashReport.of(1, Set.of("m-u-0", "m-u-1", "m-u-2"),
                List.of(live("u", 0, "r1"), live("u", 1, "r1"), again("u", 1, "r2"), live("u", 2, "r2")));
        assertThat(report.lost()).isEmpty();
        assertThat(report.outOfOrder()).isEmpty();
        assertThat(report.unflaggedRepeats()).isEmpty();
        assertThat(report.repeatsInOneRun()).isEmpty();
        assertThat(report.redelivered()).isEqualTo(1);
        assertThat(report.maxDeliveries()).isEqualTo(2);
        assertThat(report.handled()).isEqualTo(3);
    }

    @Test
    void breachesAreReported() {
        CrashReport report = CrashReport.of(1, Set.of("m-u-0", "m-u-1", "m-u-2", "m-v-0"),
                List.of(live("u", 0, "r1"), live("u", 0, "r2"), again("u", 2, "r2"), again("u", 1, "r2"),
                        again("u", 1, "r2")));
        assertThat(report.lost()).containsExactly("m-v-0");
        assertThat(report.unflaggedRepeats()).containsExactly("m-u-0");
        assertThat(report.repeatsInOneRun()).containsExactly("m-u-1");
        assertThat(report.outOfOrder()).containsExactly("u: 0 then 0", "u: 2 then 1");
        assertThat(report.maxDeliveries()).isEqualTo(2);
    }
}
