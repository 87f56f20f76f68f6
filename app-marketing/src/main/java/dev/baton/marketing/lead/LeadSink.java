package dev.baton.marketing.lead;

/**
 * Where the marketing app hands each lead it collected. Two ship: {@link JsonlLeadSink} (a file, one JSON
 * object per line) and {@link LoggingLeadSink} (a log line, contact masked). A team writes its own to post
 * leads to a CRM.
 *
 * <p>Threading: called from many conversations at once, so implementations must be thread-safe; calls for
 * one conversation never overlap. {@link #accept} runs inside the conversation's callback and blocks it, so
 * it should be quick or hand off. Throwing means the lead was not kept: the app then passes the
 * conversation to the default app with the lead in the hand-over metadata, so it is not lost.
 */
public interface LeadSink extends AutoCloseable {

    void accept(Lead lead);

    @Override
    default void close() {}
}
