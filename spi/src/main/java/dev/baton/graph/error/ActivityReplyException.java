package dev.baton.graph.error;

/** 10900 activity already replied to, 10903 this user cannot reply to this activity (private replies). */
public final class ActivityReplyException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public ActivityReplyException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "do not retry: the comment or post can only be answered once and only while it allows a reply";
    }
}
