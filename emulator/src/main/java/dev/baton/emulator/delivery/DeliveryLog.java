package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Every webhook POST made, per app, in the order made. Thread-safe. */
public final class DeliveryLog {

    private final Map<String, List<DeliveryRecord>> byApp = new HashMap<>();
    private long sequence;
    private volatile Consumer<DeliveryRecord> listener = record -> { };

    /** Told of every POST as it is logged (the console's live feed); must return at once. */
    public void onAdd(Consumer<DeliveryRecord> newListener) {
        this.listener = java.util.Objects.requireNonNull(newListener, "listener is null");
    }

    synchronized long nextSequence() {
        return ++sequence;
    }

    void add(DeliveryRecord record) {
        synchronized (this) {
            byApp.computeIfAbsent(record.appId(), id -> new ArrayList<>()).add(record);
        }
        listener.accept(record);
    }

    /** One POST by its sequence number, if it was made to this app. */
    public synchronized Optional<DeliveryRecord> find(String appId, long sequence) {
        return byApp.getOrDefault(appId, List.of()).stream().filter(record -> record.sequence() == sequence)
                .findFirst();
    }

    public synchronized List<DeliveryRecord> forApp(String appId) {
        return List.copyOf(byApp.getOrDefault(appId, List.of()));
    }
}
