package dev.baton.benchmarks.ingest;

import dev.baton.config.PageConfig;
import dev.baton.config.StoreSettings;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.TestPostgres;

/**
 * The PostgreSQL server of a benchmark run: {@code BATON_BENCH_POSTGRES_URL}
 * ({@code postgresql://user:password@host:port}, a user allowed to create databases) or, when unset, a
 * server started from the Maven-provided binaries with {@code fsync} and {@code synchronous_commit} on (the
 * tests' {@link PostgresExtension}). Each run gets a fresh database.
 */
final class BenchPostgres implements AutoCloseable {

    private final PostgresExtension.AutoCloseableServer server;
    private final TestPostgres postgres;

    private BenchPostgres(PostgresExtension.AutoCloseableServer server, TestPostgres postgres) {
        this.server = server;
        this.postgres = postgres;
    }

    static BenchPostgres start() {
        PostgresExtension.AutoCloseableServer server = PostgresExtension.startServer(
                System.getenv("BATON_BENCH_POSTGRES_URL"));
        return new BenchPostgres(server, server.postgres());
    }

    /** {@code base} with {@code store: {type: postgres, ...}} on a fresh database. */
    PageConfig config(PageConfig base) {
        StoreSettings store = StoreSettings.of("postgres").with("url", postgres.newDatabase())
                .with("user", postgres.user()).with("poolSize", 16);
        if (postgres.password() != null) {
            store = store.with("password", postgres.password());
        }
        return base.withStore(store);
    }

    @Override
    public void close() throws java.io.IOException {
        server.close();
    }
}
