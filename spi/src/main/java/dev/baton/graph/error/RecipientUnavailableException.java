package dev.baton.graph.error;

/** The person cannot get this message now: 551 (and 551/1545041, 200/1545041 'isn't available right now'), 10/2018108 ('They can't receive your messages right now'). */
public final class RecipientUnavailableException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public RecipientUnavailableException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "do not retry: the person blocked the Page, deleted the account or cannot be reached; wait for them to write";
    }
}
