package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every webhook POST made, per app, in the order made. Thread-safe. */
public final class DeliveryLog {

    private final Map<String, List<DeliveryRecord>> byApp = new HashMap<>();
    private long sequence;

    synchronized long nextSequence() {
        return ++sequence;
    }

    synchronized void add(DeliveryRecord record) {
        byApp.computeIfAbsent(record.appId(), id -> new ArrayList<>()).add(record);
    }

    public synchronized List<DeliveryRecord> forApp(String appId) {
        return List.copyOf(byApp.getOrDefault(appId, List.of()));
    }
}
