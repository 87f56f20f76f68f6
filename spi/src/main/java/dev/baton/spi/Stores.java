package dev.baton.spi;

/**
 * The pair a {@link StoreProvider} opens: the journal and the conversation store of one deployment, usually
 * sharing one connection or file. Closing it closes both (committing what is queued); the journal's and the
 * store's own {@code close()} may also be called, each closing its share.
 */
public interface Stores extends AutoCloseable {

    EventJournal journal();

    ConversationStore store();

    @Override
    void close();
}
