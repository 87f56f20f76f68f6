package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM with the default SQLite store, Meta played by several sender threads
 * (webhooks) and the emulator (Graph API, over loopback), and SIGKILL at seeded random moments, a few times
 * over ({@link CrashRun}; the benchmarks' {@code CrashLoop} runs the same for longer). A test-only app
 * ({@link CrashRecorderPlugin}) writes every message it is handed, with its redelivered flag, to a file outside
 * the child, then replies and passes the thread to the Inbox (two Graph calls per callback), writing each
 * answer it got.
 *
 * <p>Checked at the end, for the messages: every acknowledged message was handed to the handler (none lost);
 * each conversation's messages in the order sent; a mid handed over more than once only across a kill (at most
 * once per run), every repeat flagged redelivered. For the calls, from the emulator's log of what it received
 * ({@link CallReport}): a call whose answer reached the deployment is never made again (the send record); the
 * only repeats are of calls in flight at a kill; every message's two calls were answered in the end. Once with
 * Graph answered at once, once with every answer held back after the call was done, so that calls are in
 * flight at the kills. The child logs
 * at DEBUG throughout; its whole output must hold none of the app secret, access token or verify token.
 */
class CrashTest {

    private static final long SEED = 0xC0FFEE_2026L;
    private static final int CYCLES = 3;
    private static final int WORKERS = 4;
    private static final int SENDERS = 4;
    private static final int USERS_PER_SENDER = 6;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run's files stay for a look
    Path dir;

    @Test
    void acknowledgedMessagesSurviveRepeatedSigkillsAndCompletedCallsAreNeverRepeated() throws Exception {
        CrashRun.Outcome outcome = run(Duration.ZERO, Duration.ofMillis(20));
        System.out.println("crash test, answers at once: " + outcome.report().summary());
        System.out.println("crash test, answers at once: " + outcome.calls().summary() + "; "
                + outcome.throttledCalls() + " turned away over the rate limit and retried");
        assertPromisesKept(outcome);
    }

    @Test
    void withGraphAnswersHeldBackCallsAreInFlightAtTheKillsAndOnlyThoseRepeat() throws Exception {
        CrashRun.Outcome outcome = run(Duration.ofMillis(150), Duration.ofMillis(1000));
        System.out.println("crash test, answers held back 150 ms: " + outcome.report().summary());
        System.out.println("crash test, answers held back 150 ms: " + outcome.calls().summary() + "; "
                + outcome.throttledCalls() + " turned away over the rate limit and retried");
        assertPromisesKept(outcome);
        CallReport calls = outcome.calls();
        // Every callback spends most of its time waiting for an answer, so the kills find some in flight. How many
        // of them were passes (whose reply the redelivery then answers from the send record) is printed, not
        // asserted: the lanes start together after a restart, so three kills may all fall in the replies.
        assertThat(calls.inFlight()).as("calls in flight at the kills").isPositive();
    }

    private CrashRun.Outcome run(Duration answerDelay, Duration senderPause) throws Exception {
        assumeTrue(CrashRun.launcherAvailable(), "the Page launcher is not built yet");
        Path logback = dir.resolve("logback-debug.xml");
        Files.writeString(logback, DEBUG_LOGGING);
        System.out.println("crash test files: " + dir);
        return new CrashRun(dir, new CrashRun.Settings(CYCLES, SENDERS, USERS_PER_SENDER, WORKERS, SEED, logback,
                answerDelay, senderPause), line -> { }).run();
    }

    private static void assertPromisesKept(CrashRun.Outcome outcome) throws IOException {
        CrashReport report = outcome.report();
        assertThat(outcome.stopExitCode()).as("exit code of the graceful stop on SIGTERM").isZero();
        assertThat(report.acknowledged()).as("traffic got through").isGreaterThan(CYCLES * 10);
        assertThat(report.lost()).as("acknowledged, never handed to the handler").isEmpty();
        assertThat(report.outOfOrder()).as("per-conversation order").isEmpty();
        assertThat(report.unflaggedRepeats()).as("mids handed over again without the redelivered flag").isEmpty();
        assertThat(report.repeatsInOneRun()).as("mids handed over twice by one run").isEmpty();
        assertThat(report.maxDeliveries()).as("hand-overs of one mid: once per run at most")
                .isLessThanOrEqualTo(CYCLES + 1);
        // At most the event each conversation had claimed at each kill: a lane waiting for its claim's sync
        // holds no thread, so more conversations than workers can have one claimed.
        assertThat(report.redelivered()).as("redelivered").isLessThanOrEqualTo(CYCLES * SENDERS * USERS_PER_SENDER);

        CallReport calls = outcome.calls();
        assertThat(calls.missing()).as("acknowledged messages whose calls were not both answered").isEmpty();
        assertThat(calls.keys()).as("distinct calls Meta received: two per message handled")
                .isEqualTo(CallReport.CALLS_PER_MESSAGE * report.handled());
        assertThat(calls.completedThenRepeated()).as("calls made again although their answer had arrived").isEmpty();
        assertThat(calls.neverAnswered()).as("calls whose answer never reached the deployment").isEmpty();
        assertThat(calls.repeats()).as("repeats: each one of a call in flight at a kill")
                .isLessThanOrEqualTo(calls.inFlight());
        // A callback in flight has at most one call in flight: at most one per lane per kill.
        assertThat(calls.maxInFlightAtOneKill()).as("calls in flight at one kill").isLessThanOrEqualTo(WORKERS);
        assertNoSecretIn(outcome.childLog());
    }

    /** The child ran at DEBUG through start-up, traffic, the kills and a graceful stop: no secret may show. */
    private static void assertNoSecretIn(Path log) throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as("the child logged at DEBUG").contains("DEBUG");
        for (String secret : CrashRun.SECRETS.values()) {
            assertThat(output).as("child output").doesNotContain(secret);
        }
    }

    private static final String DEBUG_LOGGING = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="DEBUG"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
