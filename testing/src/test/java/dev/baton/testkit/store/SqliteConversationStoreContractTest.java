package dev.baton.testkit.store;

import dev.baton.spi.ConversationStore;
import dev.baton.store.sqlite.SqliteStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store against the kit; a restart closes the file and opens it again. */
class SqliteConversationStoreContractTest extends ConversationStoreContract {

    @TempDir
    Path dir;

    private final List<SqliteStores> opened = new ArrayList<>();
    private int capacity;

    @Override
    protected ConversationStore openStore(int dedupeCapacity) {
        capacity = dedupeCapacity;
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"),
                SqliteStores.Settings.defaults().withDedupeCapacity(dedupeCapacity), new SimpleMeterRegistry(),
                Clock.systemUTC());
        opened.add(stores);
        return stores.store();
    }

    @Override
    protected ConversationStore restart(ConversationStore current) {
        opened.get(opened.size() - 1).close();
        return openStore(capacity);
    }

    @Override
    protected void closeResources() {
        opened.forEach(SqliteStores::close);
    }
}
