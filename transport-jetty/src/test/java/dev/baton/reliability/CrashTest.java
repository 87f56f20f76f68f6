package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM with the default SQLite store, Meta played by several sender threads,
 * and SIGKILL at seeded random moments, ten times over ({@link CrashRun}; the benchmarks' {@code CrashLoop}
 * runs the same for longer). A test-only app ({@link CrashRecorderPlugin}) writes every message it is handed,
 * with its redelivered flag, to a file outside the child. Checked at the end: every acknowledged message was
 * handed to the handler (none lost); each conversation's messages in the order sent; a mid handed over more
 * than once only across a kill, every repeat flagged redelivered, at most twice in all. The child logs at
 * DEBUG throughout; its whole output must hold none of the app secret, access token or verify token.
 */
class CrashTest {

    private static final long SEED = 0xC0FFEE_2026L;
    private static final int CYCLES = 10;
    private static final int WORKERS = 4;

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveRepeatedSigkills() throws Exception {
        assumeTrue(CrashRun.launcherAvailable(), "the Page launcher is not built yet");
        Path logback = dir.resolve("logback-debug.xml");
        Files.writeString(logback, DEBUG_LOGGING);
        CrashRun.Outcome outcome = new CrashRun(dir, new CrashRun.Settings(CYCLES, 4, 6, WORKERS, SEED, logback),
                line -> { }).run();
        CrashReport report = outcome.report();
        System.out.println("crash test: " + report.summary());

        assertThat(outcome.stopExitCode()).as("exit code of the graceful stop on SIGTERM").isZero();
        assertThat(report.acknowledged()).as("traffic got through").isGreaterThan(CYCLES * 10);
        assertThat(report.lost()).as("acknowledged, never handed to the handler").isEmpty();
        assertThat(report.outOfOrder()).as("per-conversation order").isEmpty();
        assertThat(report.unflaggedRepeats()).as("mids handed over again without the redelivered flag").isEmpty();
        assertThat(report.repeatsInOneRun()).as("mids handed over twice by one run").isEmpty();
        assertThat(report.maxDeliveries()).as("hand-overs of one mid").isLessThanOrEqualTo(2);
        // At most the event each busy lane was handing over at each kill.
        assertThat(report.redelivered()).as("redelivered").isLessThanOrEqualTo(CYCLES * WORKERS);
        assertNoSecretIn(outcome.childLog());
    }

    /** The child ran at DEBUG through start-up, traffic, ten kills and a graceful stop: no secret may show. */
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
