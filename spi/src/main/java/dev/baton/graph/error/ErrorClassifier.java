package dev.baton.graph.error;

import java.util.Set;

/**
 * Maps Meta's error envelope to the typed family. Sources: the Page Messages endpoint's error table and
 * the error-code page (see the core README for the table). Checked in order: the message that says the
 * Handover Protocol is disabled (Meta gives it no stable code), then code + subcode pairs, then codes.
 */
public final class ErrorClassifier {

    /** Meta's wording when a Conversation Routing Page refuses a Handover Protocol call. */
    public static final String HANDOVER_DISABLED_MESSAGE = "Handover Protocol APIs disabled for this page";

    /** Codes for which Meta's answer means nothing was done and a later retry can succeed. */
    public static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 17, 32, 341, 613);

    private ErrorClassifier() {}

    public static MetaGraphException classify(String endpoint, MetaError error) {
        int code = error.code();
        int subcode = error.subcode();
        if (error.message().contains(HANDOVER_DISABLED_MESSAGE) || code == 27) {
            return new HandoverUnavailableException(endpoint, error);
        }
        if (subcode == 2018300 || code == 2018300 || subcode == 2534037 || subcode == 2018171 || code == 2018171
                || subcode == 2018321 || code == 2018321) {
            return new NotThreadOwnerException(endpoint, error);
        }
        if (subcode == 2018278 || subcode == 2534022) {
            return new OutsideWindowRejectedException(endpoint, error);
        }
        if (subcode == 1545041 || subcode == 2018108) {
            return new RecipientUnavailableException(endpoint, error);
        }
        if (code == 613 && subcode == 2018338) {
            return new PolicyViolationException(endpoint, error);
        }
        return switch (code) {
            case 613, 4, 17, 32, 341 -> new RateLimitedException(endpoint, error);
            case 1, 2 -> new TemporaryGraphException(endpoint, error);
            case 551 -> new RecipientUnavailableException(endpoint, error);
            case 100 -> new InvalidParameterException(endpoint, error);
            case 190 -> new AuthenticationException(endpoint, error);
            case 10, 200 -> new PermissionDeniedException(endpoint, error);
            case 368 -> new PolicyViolationException(endpoint, error);
            case 2022 -> new CommerceDisabledException(endpoint, error);
            case 10900, 10903 -> new ActivityReplyException(endpoint, error);
            case 10904 -> new PageMessagingDisabledException(endpoint, error);
            default -> error.httpStatus() >= 500 ? new TemporaryGraphException(endpoint, error)
                    : new OtherGraphException(endpoint, error);
        };
    }
}
