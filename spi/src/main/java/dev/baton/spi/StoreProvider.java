package dev.baton.spi;

/**
 * A kind of store: opens the {@link EventJournal} and the {@link ConversationStore} a deployment keeps its
 * durable state in. Found by {@link java.util.ServiceLoader} (one line in
 * {@code META-INF/services/dev.baton.spi.StoreProvider} of the store's module) and chosen by the Page
 * config's {@code store.type}, which must equal {@link #type()}. Adding a store touches no existing module.
 *
 * <p>The runtime calls {@link #open} once per deployment, at start-up, before any webhook is accepted, and
 * closes what it returned at shutdown, after the dispatcher stopped. A provider reads only its own keys of
 * the {@code store:} block through {@link StoreOptions} and refuses every other key with
 * {@link StoreOptions#refuseUnknown}, so a misspelt key stops start-up naming it. Implementations must be
 * thread-safe and have a public no-argument constructor.
 */
public interface StoreProvider {

    /** The {@code store.type} this provider answers to, matching {@code [a-z][a-z0-9-]*} (e.g. {@code sqlite}). */
    String type();

    /**
     * Validates the options and opens the stores, creating what is missing (a file, tables). Throws
     * {@link StoreConfigException} for a bad or unknown key before opening anything; any other exception
     * means the stores could not be opened and stops start-up.
     */
    Stores open(StoreContext context);
}
