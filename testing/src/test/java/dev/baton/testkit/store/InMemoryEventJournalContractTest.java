package dev.baton.testkit.store;

import dev.baton.spi.EventJournal;
import dev.baton.store.memory.InMemoryEventJournal;

/** The heap journal against the kit; it keeps nothing across a restart, so those tests are skipped. */
class InMemoryEventJournalContractTest extends EventJournalContract {

    @Override
    protected EventJournal openJournal() {
        return new InMemoryEventJournal();
    }
}
