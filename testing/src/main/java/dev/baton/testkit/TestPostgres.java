package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server for tests, from {@link PostgresExtension}: {@link #newDatabase()} creates an empty
 * database of its own for each caller, so tests never see each other's rows.
 *
 * @param host where the server listens
 * @param port its port
 * @param user a user allowed to create databases
 * @param password that user's password (may be null)
 * @param embedded true when the server was started from Maven-provided binaries for this JVM
 */
public record TestPostgres(String host, int port, String user, String password, boolean embedded) {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    public TestPostgres {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
    }

    /** Creates an empty database and returns its JDBC URL (user and password are {@link #user} and {@link #password}). */
    public String newDatabase() {
        String name = "baton_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String url(String name) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** A plain connection to database {@code name} (the caller closes it). */
    public Connection connect(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url(name), properties);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "TestPostgres[" + host + ":" + port + ", user=" + user + (embedded ? ", embedded" : "") + "]";
    }
}
