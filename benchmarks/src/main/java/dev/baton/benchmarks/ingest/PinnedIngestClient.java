package dev.baton.benchmarks.ingest;

import java.util.Locale;

/**
 * The client half of a pinned ingest run against {@link PinnedIngestServer}: warms both targets up, then
 * drives them closed-loop in turn, {@code --rounds} times (ceiling, Baton, ceiling, Baton...), so a change
 * in the machine's load hits both, and prints each round's ratio and the median ratio.
 *
 * <p>With {@code --server-pid} (Linux) it also reads the server process's CPU time ({@code /proc/<pid>/stat},
 * all threads: request threads, dispatcher workers, GC) around each run and prints the server's CPU time per
 * request. On a machine shared with other work, throughput follows whatever else runs; CPU time per request
 * barely does, and {@code ceiling CPU per request / Baton CPU per request} is the ratio the two would reach
 * on a server core of their own.
 *
 * <pre>
 * taskset -c 1 java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.ingest.PinnedIngestClient \
 *     --ceiling-port P --baton-port Q [--server-pid PID] [--seconds 5] [--connections 16] [--rounds 3]
 * </pre>
 */
public final class PinnedIngestClient {

    private PinnedIngestClient() {}

    public static void main(String[] args) throws Exception {
        int ceilingPort = Integer.parseInt(IngestLoadHarness.option(args, "--ceiling-port", "0"));
        int batonPort = Integer.parseInt(IngestLoadHarness.option(args, "--baton-port", "0"));
        double seconds = Double.parseDouble(IngestLoadHarness.option(args, "--seconds", "5"));
        int connections = Integer.parseInt(IngestLoadHarness.option(args, "--connections", "16"));
        int rounds = Integer.parseInt(IngestLoadHarness.option(args, "--rounds", "3"));
        if (ceilingPort <= 0 || batonPort <= 0) {
            throw new IllegalArgumentException("--ceiling-port and --baton-port are required");
        }
        byte[][] requests = IngestLoadHarness.signedRequests();
        LoadClient.RequestFactory factory = sequence -> requests[(int) (sequence % requests.length)];
        LoadClient.run(ceilingPort, connections, 0, seconds, factory); // warm-up
        LoadClient.run(batonPort, connections, 0, seconds, factory);
        long serverPid = Long.parseLong(IngestLoadHarness.option(args, "--server-pid", "0"));
        double[] ratios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long cpu0 = serverCpuMillis(serverPid);
            LoadClient.Result ceiling = LoadClient.run(ceilingPort, connections, 0, seconds, factory);
            long cpu1 = serverCpuMillis(serverPid);
            LoadClient.Result baton = LoadClient.run(batonPort, connections, 0, seconds, factory);
            long cpu2 = serverCpuMillis(serverPid);
            IngestLoadHarness.print("round " + (round + 1) + ", ceiling", ceiling);
            IngestLoadHarness.print("round " + (round + 1) + ", baton", baton);
            ratios[round] = baton.throughput() / ceiling.throughput();
            System.out.printf(Locale.ROOT, "round %d ratio baton/ceiling = %.2f%n", round + 1, ratios[round]);
            if (serverPid > 0) {
                double ceilingMicros = 1000.0 * (cpu1 - cpu0) / (ceiling.ok() + ceiling.failed());
                double batonMicros = 1000.0 * (cpu2 - cpu1) / (baton.ok() + baton.failed());
                cpuRatios[round] = ceilingMicros / batonMicros;
                System.out.printf(Locale.ROOT, "round %d server CPU per request: ceiling %.1f µs, baton %.1f µs,"
                        + " ratio %.2f%n", round + 1, ceilingMicros, batonMicros, cpuRatios[round]);
            }
        }
        java.util.Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median ratio baton/ceiling = %.2f%n", ratios[rounds / 2]);
        if (serverPid > 0) {
            java.util.Arrays.sort(cpuRatios);
            System.out.printf(Locale.ROOT, "median CPU-per-request ratio ceiling/baton = %.2f%n", cpuRatios[rounds / 2]);
        }
        System.exit(0);
    }

    /** User plus system CPU time of every thread of process {@code pid}, in milliseconds (0 without a pid). */
    static long serverCpuMillis(long pid) throws java.io.IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** {@code getconf CLK_TCK}: 100 on every Linux this runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
}
