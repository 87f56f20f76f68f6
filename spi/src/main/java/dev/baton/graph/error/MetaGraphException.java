package dev.baton.graph.error;

import static java.util.Objects.requireNonNull;

/**
 * Meta answered with its error envelope. {@link ErrorClassifier} picks the subtype from the code, subcode
 * and message; each subtype says whether a retry can help and what to do instead.
 */
public abstract sealed class MetaGraphException extends GraphException
        permits RateLimitedException, TemporaryGraphException, RecipientUnavailableException,
                OutsideWindowRejectedException, NotThreadOwnerException, HandoverUnavailableException,
                InvalidParameterException, AuthenticationException, PermissionDeniedException,
                PolicyViolationException, CommerceDisabledException, ActivityReplyException,
                PageMessagingDisabledException, OtherGraphException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final MetaError error;

    protected MetaGraphException(String endpoint, MetaError error) {
        super("Graph API refused " + requireNonNull(endpoint, "endpoint is null") + ": "
                + requireNonNull(error, "error is null"), null);
        this.endpoint = endpoint;
        this.error = error;
    }

    /** The endpoint called, e.g. {@code messages} or {@code pass_thread_control}. */
    public String endpoint() {
        return endpoint;
    }

    public MetaError error() {
        return error;
    }

    public int code() {
        return error.code();
    }

    public int subcode() {
        return error.subcode();
    }
}
