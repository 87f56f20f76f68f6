package dev.baton.config;

/** Where the event journal and the conversation store live. */
public enum StoreType {
    /** An embedded SQLite database under the data directory; survives a crash (the default). */
    SQLITE,
    /** The heap: for tests and demos; unhandled events are lost with the process. */
    MEMORY
}
