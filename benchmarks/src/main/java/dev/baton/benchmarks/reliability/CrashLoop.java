package dev.baton.benchmarks.reliability;

import dev.baton.reliability.CrashReport;
import dev.baton.reliability.CrashRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The crash test for longer: {@code cycles} SIGKILLs of the real launcher (child JVM, default SQLite store)
 * under traffic from {@code threads} sender threads playing Meta, through the very harness the default
 * suite's {@code CrashTest} uses ({@link CrashRun}, from transport-jetty's test-jar). Prints acknowledged /
 * lost / redelivered / order violations; exits 1 when a promise was broken (lost, out of order, a repeat
 * without the redelivered flag or within one run), keeping the run's directory for a look.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.reliability.CrashLoop 50 4
 * </pre>
 *
 * Arguments: cycles (default 50), sender threads (default 4), seed (default fixed). Each sender owns six
 * conversations; the child runs four dispatch workers.
 */
public final class CrashLoop {

    private static final int USERS_PER_SENDER = 6;
    private static final int WORKERS = 4;

    private CrashLoop() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 0xC0FFEE_2026L;
        if (!CrashRun.launcherAvailable()) {
            System.err.println("dev.baton.launcher.PageLauncher is not on the class path; run from benchmarks.jar");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("baton-crash-loop");
        System.out.printf("crash loop: %d kills, %d senders x %d conversations, %d workers, seed %d, in %s%n",
                cycles, threads, USERS_PER_SENDER, WORKERS, seed, dir);
        long started = System.nanoTime();
        CrashRun.Outcome outcome = new CrashRun(dir,
                new CrashRun.Settings(cycles, threads, USERS_PER_SENDER, WORKERS, seed, null),
                line -> System.out.println("  " + line)).run();
        CrashReport report = outcome.report();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println(report.summary());
        System.out.printf("acknowledged=%d lost=%d redelivered=%d order_violations=%d unflagged_repeats=%d"
                        + " repeats_in_one_run=%d max_deliveries=%d stop_exit=%d seconds=%d%n",
                report.acknowledged(), report.lost().size(), report.redelivered(), report.outOfOrder().size(),
                report.unflaggedRepeats().size(), report.repeatsInOneRun().size(), report.maxDeliveries(),
                outcome.stopExitCode(), took.toSeconds());
        boolean broken = !report.lost().isEmpty() || !report.outOfOrder().isEmpty()
                || !report.unflaggedRepeats().isEmpty() || !report.repeatsInOneRun().isEmpty();
        if (broken) {
            System.out.println("lost: " + report.lost() + "\nout of order: " + report.outOfOrder()
                    + "\nunflagged repeats: " + report.unflaggedRepeats() + "\nrepeats in one run: "
                    + report.repeatsInOneRun() + "\nkept for a look: " + dir);
            System.exit(1);
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
