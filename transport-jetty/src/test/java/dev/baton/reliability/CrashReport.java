package dev.baton.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a crash run's handler saw, checked against what Meta (the senders) got a 200 for. Built from the
 * {@link CrashRecorderPlugin}'s file: one line per hand-over, {@code app, user, mid, redelivered, run}.
 *
 * <ul>
 *   <li>{@code lost}: acknowledged mids no run handed to the handler (must be empty);
 *   <li>{@code outOfOrder}: a user's mids not in the order sent; a flagged redelivery may repeat the mid
 *       handed over just before it (the interrupted one), nothing else may go back;
 *   <li>{@code unflaggedRepeats}: a mid handed over again without the redelivered flag;
 *   <li>{@code repeatsInOneRun}: a mid handed over twice by the same run (a crash can only cause repeats
 *       across runs);
 *   <li>{@code redelivered}: hand-overs flagged redelivered; {@code maxDeliveries}: most hand-overs of one mid.
 * </ul>
 */
public record CrashReport(int cycles, int acknowledged, int handled, int deliveries, int redelivered,
        int maxDeliveries, List<String> lost, List<String> outOfOrder, List<String> unflaggedRepeats,
        List<String> repeatsInOneRun) {

    public CrashReport {
        lost = List.copyOf(lost);
        outOfOrder = List.copyOf(outOfOrder);
        unflaggedRepeats = List.copyOf(unflaggedRepeats);
        repeatsInOneRun = List.copyOf(repeatsInOneRun);
    }

    /** One line of the recorder's file. */
    record Delivery(String user, String mid, boolean redelivered, String run) {
        int seq() {
            return Integer.parseInt(mid.substring(mid.lastIndexOf('-') + 1));
        }
    }

    static List<Delivery> read(Path records) throws IOException {
        List<Delivery> deliveries = new ArrayList<>();
        for (String line : Files.readAllLines(records, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t");
                deliveries.add(new Delivery(fields[1], fields[2], Boolean.parseBoolean(fields[3]), fields[4]));
            }
        }
        return deliveries;
    }

    static CrashReport of(int cycles, Set<String> acknowledged, List<Delivery> deliveries) {
        Map<String, List<Delivery>> byMid = new HashMap<>();
        Map<String, Integer> lastSeq = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        List<String> unflaggedRepeats = new ArrayList<>();
        List<String> repeatsInOneRun = new ArrayList<>();
        int redelivered = 0;
        for (Delivery delivery : deliveries) {
            List<Delivery> earlier = byMid.computeIfAbsent(delivery.mid(), mid -> new ArrayList<>());
            if (!earlier.isEmpty() && !delivery.redelivered()) {
                unflaggedRepeats.add(delivery.mid());
            }
            if (earlier.stream().anyMatch(previous -> previous.run().equals(delivery.run()))) {
                repeatsInOneRun.add(delivery.mid());
            }
            earlier.add(delivery);
            redelivered += delivery.redelivered() ? 1 : 0;
            int seq = delivery.seq();
            Integer previous = lastSeq.put(delivery.user(), seq);
            boolean forward = previous == null || seq > previous
                    || (delivery.redelivered() && seq == previous);
            if (!forward) {
                outOfOrder.add(delivery.user() + ": " + previous + " then " + seq);
            }
        }
        Set<String> lost = new LinkedHashSet<>(acknowledged);
        lost.removeAll(byMid.keySet());
        int maxDeliveries = byMid.values().stream().mapToInt(List::size).max().orElse(0);
        return new CrashReport(cycles, acknowledged.size(), byMid.size(), deliveries.size(), redelivered,
                maxDeliveries, new ArrayList<>(lost), outOfOrder, unflaggedRepeats, repeatsInOneRun);
    }

    /** One line for a log or a console. */
    public String summary() {
        return String.format("%d kills: %d messages acknowledged, %d handled, %d lost, %d hand-overs of which %d"
                + " redelivered (flagged), at most %d of one mid, %d repeats without the flag, %d repeats in one"
                + " run, %d out of order", cycles, acknowledged, handled, lost.size(), deliveries, redelivered,
                maxDeliveries, unflaggedRepeats.size(), repeatsInOneRun.size(), outOfOrder.size());
    }
}
