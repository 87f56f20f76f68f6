package dev.baton.reliability;

import dev.baton.emulator.GraphCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A crash run's Graph calls as Meta (the emulator) received them, set against the answers that reached the
 * deployment (the {@link CrashRecorderPlugin}'s calls file). Each call is named by its key,
 * {@code <mid>#<n>}: call n of the callback handling that message, so the same key seen twice by Meta is one
 * call made twice.
 *
 * <p>A receipt of a key is <em>answered</em> when the app logged an answer for that key after the receipt and
 * before the key's next receipt (one clock: the emulator and the child run on the same machine, the answer
 * comes after the receipt). The app logs an answer once the call returned, which is after the send record
 * has it durably. An unanswered receipt is a call Meta received whose answer the deployment did not have on
 * record when it was killed: it was in flight at that kill (attributed to the first kill after it). A call
 * recorded but killed before the app logged it counts as in flight too (a window of one file
 * write, so an over-count at most). Of those, {@code answerLost} were still unanswered by Meta when the kill
 * was signalled (the emulator answered at or after it: the answer cannot have arrived); the rest were
 * answered before it, and the kill came before the deployment had their answer on record (the answer on its
 * way, or the send record's one durable write not done).
 *
 * <ul>
 *   <li>{@code calls}: receipts in all; {@code keys}: distinct calls;
 *   <li>{@code repeats}: receipts past the first of their key (Meta saw the call again);
 *   <li>{@code inFlight}: unanswered receipts; {@code inFlightPerKill}: of those, per kill (the last slot:
 *       after the last kill); {@code answerLost}: of those, the ones Meta answered only at or after the kill;
 *   <li>{@code replayed}: answers the app got with no receipt of their own: a redelivered callback answered
 *       from the send record, without calling Meta;
 *   <li>{@code completedThenRepeated}: a receipt that was answered and yet followed by another receipt of its
 *       key (a completed call made again; must be empty);
 *   <li>{@code neverAnswered}: keys whose last receipt got no answer and no later one (must be empty once
 *       every event was handled);
 *   <li>{@code missing}: acknowledged mids whose two calls were not both answered (must be empty).
 * </ul>
 */
public record CallReport(int calls, int keys, int repeats, int inFlight, int answerLost, int replayed,
        List<Integer> inFlightPerKill,
        List<String> completedThenRepeated, List<String> neverAnswered, List<String> missing) {

    /** The calls each callback makes, numbered from 1 (reply, then pass). */
    static final int CALLS_PER_MESSAGE = 2;

    public CallReport {
        inFlightPerKill = List.copyOf(inFlightPerKill);
        completedThenRepeated = List.copyOf(completedThenRepeated);
        neverAnswered = List.copyOf(neverAnswered);
        missing = List.copyOf(missing);
    }

    /** One SIGKILL: when the signal was sent, and when the child was seen dead. */
    record Kill(Instant signalled, Instant dead) {}

    /** One call as Meta received it. */
    record Receipt(String key, long sequence, long receivedMillis, long answeredMillis) {}

    /** One answer as the app got it (from Meta or from the send record). */
    record Answer(String key, String outcome, String run, long millis) {}

    /**
     * The recorder's calls, as Meta saw them: sends and passes by {@code appId} that carry a key. A call Meta
     * turned away undone and asked to retry (613 over the rate limit, code 2 temporary) is left out: the
     * deployment's client retries it at once, in the same run, which is no repeat of anything Meta did
     * ({@link #throttled} counts them).
     */
    static List<Receipt> receipts(List<GraphCall> calls, String appId) {
        List<Receipt> receipts = new ArrayList<>();
        for (GraphCall call : calls) {
            if (!appId.equals(call.appId()) || isThrottled(call)) {
                continue;
            }
            String key = switch (call.edge()) {
                case "messages" -> call.text();
                case "pass_thread_control" -> call.metadata();
                default -> null;
            };
            if (key != null && key.contains("#")) {
                receipts.add(new Receipt(key, call.sequence(), call.receivedAt().toEpochMilli(),
                        call.answeredAt().toEpochMilli()));
            }
        }
        return receipts;
    }

    /** The recorder's calls Meta turned away undone, asking for a retry (left out of {@link #receipts}). */
    static int throttled(List<GraphCall> calls, String appId) {
        return (int) calls.stream().filter(call -> appId.equals(call.appId()) && isThrottled(call)).count();
    }

    private static boolean isThrottled(GraphCall call) {
        return call.errorCode() == 613 || call.errorCode() == 2;
    }

    static List<Answer> readAnswers(Path file) throws IOException {
        List<Answer> answers = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t");
                answers.add(new Answer(fields[0], fields[1], fields[2], Long.parseLong(fields[3])));
            }
        }
        return answers;
    }

    static CallReport of(List<Receipt> receipts, List<Answer> answers, List<Kill> kills,
            Collection<String> acknowledgedMids) {
        Map<String, List<Receipt>> receiptsByKey = new TreeMap<>();
        receipts.forEach(receipt -> receiptsByKey.computeIfAbsent(receipt.key(), key -> new ArrayList<>()).add(receipt));
        Map<String, List<Long>> answersByKey = new HashMap<>();
        answers.forEach(answer -> answersByKey.computeIfAbsent(answer.key(), key -> new ArrayList<>()).add(answer.millis()));
        answersByKey.values().forEach(times -> times.sort(Comparator.naturalOrder()));
        int[] perKill = new int[kills.size() + 1]; // the last slot: after the last kill (must stay 0)
        int repeats = 0;
        int inFlight = 0;
        int answerLost = 0;
        int replayed = 0;
        List<String> completedThenRepeated = new ArrayList<>();
        List<String> neverAnswered = new ArrayList<>();
        for (Map.Entry<String, List<Receipt>> entry : receiptsByKey.entrySet()) {
            List<Receipt> seen = entry.getValue();
            seen.sort(Comparator.comparingLong(Receipt::sequence));
            List<Long> answered = answersByKey.getOrDefault(entry.getKey(), List.of());
            repeats += seen.size() - 1;
            int answeredReceipts = 0;
            for (int i = 0; i < seen.size(); i++) {
                long from = seen.get(i).receivedMillis();
                long until = i + 1 < seen.size() ? seen.get(i + 1).receivedMillis() : Long.MAX_VALUE;
                boolean gotAnswer = answered.stream().anyMatch(at -> at >= from && at < until);
                if (gotAnswer) {
                    answeredReceipts++;
                    if (i + 1 < seen.size()) {
                        completedThenRepeated.add(entry.getKey() + " (receipt " + (i + 1) + " of " + seen.size() + ")");
                    }
                } else {
                    inFlight++;
                    int kill = killAfter(kills, from);
                    perKill[kill]++;
                    if (kill < kills.size()
                            && seen.get(i).answeredMillis() >= kills.get(kill).signalled().toEpochMilli()) {
                        answerLost++;
                    }
                    if (i + 1 == seen.size()) {
                        neverAnswered.add(entry.getKey());
                    }
                }
            }
            replayed += Math.max(0, answered.size() - answeredReceipts);
        }
        List<String> missing = new ArrayList<>();
        for (String mid : acknowledgedMids) {
            for (int n = 1; n <= CALLS_PER_MESSAGE; n++) {
                if (!answersByKey.containsKey(mid + "#" + n)) {
                    missing.add(mid + "#" + n);
                }
            }
        }
        List<Integer> inFlightPerKill = new ArrayList<>();
        for (int count : perKill) {
            inFlightPerKill.add(count);
        }
        return new CallReport(receipts.size(), receiptsByKey.size(), repeats, inFlight, answerLost, replayed,
                inFlightPerKill,
                completedThenRepeated, neverAnswered, missing);
    }

    /** The index of the first kill the child died of at or after {@code millis}; {@code kills.size()} when none. */
    private static int killAfter(List<Kill> kills, long millis) {
        for (int k = 0; k < kills.size(); k++) {
            if (kills.get(k).dead().toEpochMilli() >= millis) {
                return k;
            }
        }
        return kills.size();
    }

    /** Kills with at least one call in flight. */
    public int killsWithCallsInFlight() {
        return (int) inFlightPerKill.subList(0, inFlightPerKill.size() - 1).stream().filter(n -> n > 0).count();
    }

    public int maxInFlightAtOneKill() {
        return inFlightPerKill.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** One line for a log or a console. */
    public String summary() {
        return String.format("%d Graph calls received by Meta (%d distinct), %d repeated; %d in flight at a kill"
                + " (received, answer not on record in the deployment; %d of them not yet answered by Meta; at most"
                + " %d at one kill, %d kills with any); %d answered from the send record on redelivery; %d"
                + " completed calls repeated, %d never answered, %d missing", calls, keys, repeats, inFlight,
                answerLost, maxInFlightAtOneKill(), killsWithCallsInFlight(), replayed, completedThenRepeated.size(),
                neverAnswered.size(), missing.size());
    }
}
