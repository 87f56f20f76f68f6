package dev.baton.graph.error;

/**
 * A Handover Protocol call that the Page's routing mode does not allow: "Handover Protocol APIs disabled
 * for this page." (a Page with a Conversation Routing default app), or code 27 (take_thread_control
 * without Conversation Routing, request_thread_control with it).
 */
public final class HandoverUnavailableException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public HandoverUnavailableException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** True for "Handover Protocol APIs disabled for this page." rather than code 27. */
    public boolean handoverProtocolDisabled() {
        return error().message().contains(ErrorClassifier.HANDOVER_DISABLED_MESSAGE);
    }

    @Override
    public String advice() {
        if (handoverProtocolDisabled()) {
            return "this Page uses Conversation Routing: pass and release control with the Send API's "
                    + "thread_control field (graph.thread-control: send-api); take, request, extend and pass "
                    + "metadata are not supported";
        }
        return "not supported in this Page's routing mode: take_thread_control needs Conversation Routing "
                + "(and the take-control setting for this app), request_thread_control works only without it; "
                + "under Conversation Routing wait for the owner to pass or release";
    }
}
