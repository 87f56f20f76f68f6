package dev.baton.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One unit of work for the {@link GroupCommitWriter}: runs inside the writer's open transaction, on the
 * writer thread, and must not commit or roll back itself.
 */
@FunctionalInterface
interface WriteOp<T> {
    T execute(Connection connection) throws SQLException;
}
