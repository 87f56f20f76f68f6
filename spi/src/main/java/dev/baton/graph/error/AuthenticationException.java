package dev.baton.graph.error;

/** 190 Invalid OAuth 2.0 access token (expired, revoked, or for another Page). */
public final class AuthenticationException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "replace the Page access token in the deployment's secrets";
    }
}
