package dev.baton.benchmarks.ingest;

import java.util.Locale;

/**
 * The client half of a pinned ingest run against {@link PinnedIngestServer}: warms both targets up, then
 * drives them closed-loop in turn, {@code --rounds} times (ceiling, Baton, ceiling, Baton...), so a change
 * in the machine's load hits both, and prints each round's ratio and the median ratio.
 *
 * <pre>
 * taskset -c 1 java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.ingest.PinnedIngestClient \
 *     --ceiling-port P --baton-port Q [--seconds 5] [--connections 16] [--rounds 3]
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
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            LoadClient.Result ceiling = LoadClient.run(ceilingPort, connections, 0, seconds, factory);
            LoadClient.Result baton = LoadClient.run(batonPort, connections, 0, seconds, factory);
            IngestLoadHarness.print("round " + (round + 1) + ", ceiling", ceiling);
            IngestLoadHarness.print("round " + (round + 1) + ", baton", baton);
            ratios[round] = baton.throughput() / ceiling.throughput();
            System.out.printf(Locale.ROOT, "round %d ratio baton/ceiling = %.2f%n", round + 1, ratios[round]);
        }
        java.util.Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median ratio baton/ceiling = %.2f%n", ratios[rounds / 2]);
        System.exit(0);
    }
}
