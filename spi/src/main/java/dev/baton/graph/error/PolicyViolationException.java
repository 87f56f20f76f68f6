package dev.baton.graph.error;

/** 368 the action was deemed abusive or is disallowed (temporary block), and 613/2018338 message tag abuse. */
public final class PolicyViolationException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "stop sending this kind of message; review Messenger Platform policy and the use of message tags";
    }
}
