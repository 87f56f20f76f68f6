package dev.baton.store.postgres;

import dev.baton.spi.EventJournal;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.store.EventJournalContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL journal against the kit, one fresh database per test; a restart reopens the stores. */
@ExtendWith(PostgresExtension.class)
class PostgresEventJournalContractTest extends EventJournalContract {

    private final TestPostgres postgres;
    private final List<PostgresStores> opened = new ArrayList<>();
    private String url;

    PostgresEventJournalContractTest(TestPostgres postgres) {
        this.postgres = postgres;
    }

    private PostgresStores open() {
        if (url == null) {
            url = postgres.newDatabase();
        }
        PostgresStores stores = PostgresStores.open(PostgresSettings.of(url, postgres.user(), postgres.password())
                .withBuckets(4).withPoolSize(4), new SimpleMeterRegistry(), Clock.systemUTC());
        opened.add(stores);
        return stores;
    }

    @Override
    protected EventJournal openJournal() {
        return open().journal();
    }

    @Override
    protected EventJournal restart(EventJournal current) {
        opened.get(opened.size() - 1).close(); // commits queued marks, hands the leases back
        return openJournal();
    }

    @Override
    protected void closeResources() {
        opened.forEach(PostgresStores::close);
    }
}
