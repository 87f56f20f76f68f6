package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.reliability.CallReport.Answer;
import dev.baton.reliability.CallReport.Receipt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash test's call checks can fail: a completed call made again is caught; in-flight calls are counted. */
class CallReportTest {

    private static final List<CallReport.Kill> ONE_KILL = List.of(
            new CallReport.Kill(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_040)));

    @Test
    void aCallInFlightAtTheKillMayRepeatAndARecordedOneIsAnsweredFromTheRecord() {
        CallReport report = CallReport.of(List.of(
                        new Receipt("m-u-0#1", 1, 100, 110),   // answered at 120: completed
                        new Receipt("m-u-0#2", 2, 130, 1_050), // Meta answered after the kill: lost
                        new Receipt("m-u-0#2", 3, 2_000, 2_010)),
                List.of(new Answer("m-u-0#1", "sent:m1", "run-0", 120),
                        new Answer("m-u-0#1", "sent:m1", "run-1", 1_990), // from the send record, no receipt
                        new Answer("m-u-0#2", "passed", "run-1", 2_020)),
                ONE_KILL, List.of("m-u-0"));

        assertThat(report.calls()).isEqualTo(3);
        assertThat(report.keys()).isEqualTo(2);
        assertThat(report.repeats()).isEqualTo(1);
        assertThat(report.inFlight()).isEqualTo(1);
        assertThat(report.answerLost()).isEqualTo(1);
        assertThat(report.inFlightPerKill()).containsExactly(1, 0);
        assertThat(report.replayed()).isEqualTo(1);
        assertThat(report.completedThenRepeated()).isEmpty();
        assertThat(report.neverAnswered()).isEmpty();
        assertThat(report.missing()).isEmpty();
    }

    @Test
    void aCompletedCallMadeAgainAnUnansweredOneAndAMissingOneAreReported() {
        CallReport report = CallReport.of(List.of(
                        new Receipt("m-u-0#1", 1, 100, 110),
                        new Receipt("m-u-0#1", 2, 2_000, 2_010), // made again although answered at 120
                        new Receipt("m-u-0#2", 3, 2_100, 2_110)), // never answered
                List.of(new Answer("m-u-0#1", "sent:m1", "run-0", 120),
                        new Answer("m-u-0#1", "sent:m2", "run-1", 2_020)),
                ONE_KILL, List.of("m-u-0", "m-u-1"));

        assertThat(report.completedThenRepeated()).containsExactly("m-u-0#1 (receipt 1 of 2)");
        assertThat(report.neverAnswered()).containsExactly("m-u-0#2");
        assertThat(report.missing()).containsExactly("m-u-0#2", "m-u-1#1", "m-u-1#2");
        assertThat(report.inFlightPerKill()).as("after the last kill").containsExactly(0, 1);
        assertThat(report.answerLost()).isZero();
    }
}
