package dev.baton.testkit.store;

import dev.baton.spi.EventJournal;
import dev.baton.store.sqlite.SqliteStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite journal against the kit; a restart closes the file and opens it again. */
class SqliteEventJournalContractTest extends EventJournalContract {

    @TempDir
    Path dir;

    private final List<SqliteStores> opened = new ArrayList<>();

    @Override
    protected EventJournal openJournal() {
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC());
        opened.add(stores);
        return stores.journal();
    }

    @Override
    protected EventJournal restart(EventJournal current) {
        opened.get(opened.size() - 1).close(); // commits the queued markDones, closes the file
        return openJournal();
    }

    @Override
    protected void closeResources() {
        opened.forEach(SqliteStores::close);
    }
}
