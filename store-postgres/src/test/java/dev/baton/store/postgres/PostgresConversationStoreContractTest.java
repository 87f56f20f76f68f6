package dev.baton.store.postgres;

import dev.baton.spi.ConversationStore;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.store.ConversationStoreContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL conversation store against the kit, one fresh database per test; a restart reopens the stores. */
@ExtendWith(PostgresExtension.class)
class PostgresConversationStoreContractTest extends ConversationStoreContract {

    private final TestPostgres postgres;
    private final List<PostgresStores> opened = new ArrayList<>();
    private String url;

    PostgresConversationStoreContractTest(TestPostgres postgres) {
        this.postgres = postgres;
    }

    private int capacity;

    private PostgresStores openStores() {
        if (url == null) {
            url = postgres.newDatabase();
        }
        PostgresStores stores = PostgresStores.open(PostgresSettings.of(url, postgres.user(), postgres.password())
                .withBuckets(4).withPoolSize(4).withDedupeCapacity(capacity), new SimpleMeterRegistry(), Clock.systemUTC());
        opened.add(stores);
        return stores;
    }

    @Override
    protected ConversationStore openStore(int dedupeCapacity) {
        capacity = dedupeCapacity;
        return openStores().store();
    }

    @Override
    protected ConversationStore restart(ConversationStore current) {
        opened.get(opened.size() - 1).close(); // hands the leases back
        return openStore(capacity);
    }

    @Override
    protected void closeResources() {
        opened.forEach(PostgresStores::close);
    }
}
