package dev.baton.dispatch;

import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.EventJournal;
import dev.baton.spi.JournaledBatch;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up replay: feeds the events of the journal's pending batches that are not marked done back into
 * the lanes, oldest batch first and in batch order, so that they run before anything new.
 *
 * <p>The sink is told these events are replayed: only a replayed event can be one that a previous run
 * claimed and did not finish ({@code SAME_CLAIMANT}), which is handed over again with the redelivered flag.
 *
 * <p>A batch for an app no longer configured is left in the journal (logged each start): dropping it would
 * lose events if the app comes back. A body that no longer parses (it parsed when it was accepted, so only a
 * parser change could cause this) is logged and left too.
 */
final class JournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    interface Sink {
        void accept(DispatchTarget target, Platform platform, WebhookEvent event, long batchId, int index);
    }

    private final EventJournal journal;
    private final Map<String, DispatchTarget> targets;
    private final Sink sink;
    private final WebhookParser parser = new WebhookParser();

    JournalReplay(EventJournal journal, Map<String, DispatchTarget> targets, Sink sink) {
        this.journal = journal;
        this.targets = targets;
        this.sink = sink;
    }

    /** Returns how many events were fed back. */
    int replay() {
        int count = 0;
        for (JournaledBatch pending : journal.pending()) {
            DispatchTarget target = targets.get(pending.appName());
            if (target == null) {
                LOG.warn("journal batch {} is for app '{}', which is not hosted now; left in the journal",
                        pending.id(), pending.appName());
                continue;
            }
            WebhookBatch batch;
            try {
                // The tolerant reader: an event an older Baton typed is typed the same; one it could not type
                // (or a kind modelled since) is untyped or typed now, never a reason to leave the batch.
                batch = parser.read(pending.body()).batch().orElse(null);
            } catch (WebhookParseException e) {
                LOG.error("journal batch {} no longer parses ({} at {}); left in the journal", pending.id(),
                        e.reason(), e.path());
                continue;
            }
            if (batch == null) {
                continue; // an object Baton does not route: nothing to replay
            }
            List<WebhookEvent> events = batch.events();
            for (int index = 0; index < events.size(); index++) {
                if (!pending.doneEvents().contains(index)) {
                    sink.accept(target, batch.platform(), events.get(index), pending.id(), index);
                    count++;
                }
            }
        }
        return count;
    }
}
