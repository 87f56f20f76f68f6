/**
 * The durable default stores on an embedded SQLite database (WAL mode; every acknowledged write synced):
 * the event journal with group commit and the conversation store, opened together by {@link dev.baton.store.sqlite.SqliteStores}.
 */
package dev.baton.store.sqlite;
