package dev.baton.graph.error;

/** Conversation Routing: this app does not control the thread. 2018300 ('another app is controlling this thread now', also as 10/2018300), 100/2534037 ('not the thread owner'), 2018171 (only primary/secondary receivers), 2018321 (Messenger runs an automated Q&amp;A flow). */
public final class NotThreadOwnerException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public NotThreadOwnerException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "another app owns the thread: do not retry; wait for a pass_thread_control webhook (a messaging[] event) or ask the owner to pass or release; under Conversation Routing take_thread_control only works when the Page allows this app to take control";
    }
}
