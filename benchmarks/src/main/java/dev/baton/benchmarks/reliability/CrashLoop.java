package dev.baton.benchmarks.reliability;

import dev.baton.reliability.CallReport;
import dev.baton.reliability.CrashReport;
import dev.baton.reliability.CrashRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The crash test for longer: {@code --kills} SIGKILLs of the real launcher (child JVM, default SQLite store)
 * under traffic from {@code --senders} sender threads playing Meta's webhooks, the embedded emulator answering
 * the Graph calls (each message replied to, then the thread passed to the Inbox), through the very harness the
 * default suite's {@code CrashTest} uses ({@link CrashRun}, from transport-jetty's test-jar). Prints the
 * messages' figures (acknowledged / lost / redelivered / order violations) and the calls' figures as Meta saw
 * them (repeated, in flight at a kill, answered from the send record); exits 1 when a promise was broken
 * (lost, out of order, a repeat without the redelivered flag or within one run, a completed call made again,
 * a call never answered), keeping the run's directory for a look.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.reliability.CrashLoop --kills 50
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.reliability.CrashLoop --kills 50 --slow-answers 150
 * </pre>
 *
 * Options: {@code --kills N} (default 50); {@code --slow-answers MS}: the emulator does each call at once and
 * answers it MS later, so calls are in flight at the kills (default 0: answered at once); {@code --senders N}
 * (default 4, six conversations each); {@code --pause MS} between a sender's batches (default 20, or 1000
 * with slow answers, so that handling keeps up); {@code --seed N}; {@code --keep}: keep the run's directory
 * (the child's files, the recorder's logs) even when every promise held. The child runs four dispatch workers.
 */
public final class CrashLoop {

    private static final int USERS_PER_SENDER = 6;
    private static final int WORKERS = 4;

    private CrashLoop() {}

    public static void main(String[] args) throws Exception {
        int kills = 50;
        int senders = 4;
        long slowAnswers = 0;
        Long pause = null;
        long seed = 0xC0FFEE_2026L;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(required(args[i], value));
                case "--senders" -> senders = Integer.parseInt(required(args[i], value));
                case "--slow-answers" -> slowAnswers = Long.parseLong(required(args[i], value));
                case "--pause" -> pause = Long.parseLong(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--keep" -> {
                    keep = true;
                    i--; // takes no value
                }
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        long senderPause = pause != null ? pause : slowAnswers > 0 ? 1000 : 20;
        if (!CrashRun.launcherAvailable()) {
            System.err.println("dev.baton.launcher.PageLauncher is not on the class path; run from benchmarks.jar");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("baton-crash-loop");
        System.out.printf("crash loop: %d kills, %d senders x %d conversations (pause %d ms), %d workers, Graph"
                        + " answers %s, seed %d, in %s%n", kills, senders, USERS_PER_SENDER, senderPause, WORKERS,
                slowAnswers > 0 ? "held back " + slowAnswers + " ms after each call" : "at once", seed, dir);
        long started = System.nanoTime();
        CrashRun.Outcome outcome = new CrashRun(dir, new CrashRun.Settings(kills, senders, USERS_PER_SENDER, WORKERS,
                seed, null, Duration.ofMillis(slowAnswers), Duration.ofMillis(senderPause)),
                line -> System.out.println("  " + line)).run();
        CrashReport report = outcome.report();
        CallReport calls = outcome.calls();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println(report.summary());
        System.out.println(calls.summary() + "; " + outcome.throttledCalls()
                + " turned away over the rate limit and retried (not counted as calls)");
        System.out.printf("acknowledged=%d lost=%d redelivered=%d order_violations=%d unflagged_repeats=%d"
                        + " repeats_in_one_run=%d max_deliveries=%d graph_calls=%d distinct_calls=%d repeated_calls=%d"
                        + " in_flight_at_kill=%d unanswered_by_meta_at_kill=%d max_in_flight_one_kill=%d"
                        + " kills_with_calls_in_flight=%d answered_from_record=%d completed_then_repeated=%d"
                        + " never_answered=%d throttled=%d stop_exit=%d seconds=%d%n",
                report.acknowledged(), report.lost().size(), report.redelivered(), report.outOfOrder().size(),
                report.unflaggedRepeats().size(), report.repeatsInOneRun().size(), report.maxDeliveries(),
                calls.calls(), calls.keys(), calls.repeats(), calls.inFlight(), calls.answerLost(),
                calls.maxInFlightAtOneKill(), calls.killsWithCallsInFlight(), calls.replayed(),
                calls.completedThenRepeated().size(), calls.neverAnswered().size(), outcome.throttledCalls(),
                outcome.stopExitCode(),
                took.toSeconds());
        boolean broken = !report.lost().isEmpty() || !report.outOfOrder().isEmpty()
                || !report.unflaggedRepeats().isEmpty() || !report.repeatsInOneRun().isEmpty()
                || !calls.completedThenRepeated().isEmpty() || !calls.neverAnswered().isEmpty()
                || !calls.missing().isEmpty();
        if (broken) {
            System.out.println("lost: " + report.lost() + "\nout of order: " + report.outOfOrder()
                    + "\nunflagged repeats: " + report.unflaggedRepeats() + "\nrepeats in one run: "
                    + report.repeatsInOneRun() + "\ncompleted calls made again: " + calls.completedThenRepeated()
                    + "\ncalls never answered: " + calls.neverAnswered() + "\ncalls missing: " + calls.missing()
                    + "\nkept for a look: " + dir);
            System.exit(1);
        }
        System.out.println("calls in flight per kill: " + calls.inFlightPerKill());
        if (keep) {
            System.out.println("kept: " + dir);
        } else {
            deleteTree(dir);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: CrashLoop [--kills N] [--slow-answers MS] [--senders N] [--pause MS]"
                + " [--seed N] [--keep]");
        System.exit(2);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
