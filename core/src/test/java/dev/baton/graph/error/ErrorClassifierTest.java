package dev.baton.graph.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(400, 551, 0, "This person isn't available right now.", RecipientUnavailableException.class, false),
                Arguments.of(400, 551, 1545041, "This person isn't available right now.", RecipientUnavailableException.class, false),
                Arguments.of(403, 200, 1545041, "This person isn't available right now.", RecipientUnavailableException.class, false),
                Arguments.of(400, 100, 0, "Invalid parameter", InvalidParameterException.class, false),
                Arguments.of(400, 100, 2018001, "No matching user found", InvalidParameterException.class, false),
                Arguments.of(400, 2022, 0, "commerce disabled", CommerceDisabledException.class, false),
                Arguments.of(401, 190, 0, "Invalid OAuth 2.0 Access Token", AuthenticationException.class, false),
                Arguments.of(400, 613, 0, "Calls to this api have exceeded the rate limit.", RateLimitedException.class, true),
                Arguments.of(400, 613, 2534040, "rate limit", RateLimitedException.class, true),
                Arguments.of(400, 613, 2018338, "tag abuse", PolicyViolationException.class, false),
                Arguments.of(400, 10903, 0, "This user cant reply to this activity", ActivityReplyException.class, false),
                Arguments.of(400, 368, 0, "deemed abusive", PolicyViolationException.class, false),
                Arguments.of(400, 10900, 0, "Activity already replied to", ActivityReplyException.class, false),
                Arguments.of(403, 200, 0, "Permissions error", PermissionDeniedException.class, false),
                Arguments.of(403, 200, 2018028, "pages_messaging", PermissionDeniedException.class, false),
                Arguments.of(400, 10904, 0, "The page has messages disabled", PageMessagingDisabledException.class, false),
                Arguments.of(400, 10, 2018278, "This message is sent outside of allowed window.", OutsideWindowRejectedException.class, false),
                Arguments.of(400, 10, 2534022, "outside of allowed window", OutsideWindowRejectedException.class, false),
                Arguments.of(400, 10, 2018108, "They can't receive your messages right now.", RecipientUnavailableException.class, false),
                Arguments.of(400, 10, 2018300, "(#10) Message failed to send because another app is controlling this thread now.", NotThreadOwnerException.class, false),
                Arguments.of(400, 2018300, 0, "another app is controlling this thread now", NotThreadOwnerException.class, false),
                Arguments.of(400, 100, 2534037, "The action is invalid since it's not the thread owner.", NotThreadOwnerException.class, false),
                Arguments.of(400, 4, 0, "Application request limit reached", RateLimitedException.class, true),
                Arguments.of(400, 17, 0, "User request limit reached", RateLimitedException.class, true),
                Arguments.of(400, 32, 0, "Page request limit reached", RateLimitedException.class, true),
                Arguments.of(400, 341, 0, "Application limit reached", RateLimitedException.class, true),
                Arguments.of(500, 1, 0, "An unknown error occurred", TemporaryGraphException.class, true),
                Arguments.of(503, 2, 0, "Service temporarily unavailable", TemporaryGraphException.class, true),
                Arguments.of(502, 99999, 0, "odd", TemporaryGraphException.class, true),
                Arguments.of(400, 27, 0, "(#27) not supported when Conversation Routing is not enabled", HandoverUnavailableException.class, false),
                Arguments.of(400, 100, 0, "Handover Protocol APIs disabled for this page.", HandoverUnavailableException.class, false),
                Arguments.of(400, 12345, 0, "something new", OtherGraphException.class, false));
    }

    @ParameterizedTest(name = "{1}/{2} -> {4}")
    @MethodSource("table")
    void mapsEveryDocumentedCode(int status, int code, int subcode, String message, Class<?> type, boolean retryable) {
        MetaError error = new MetaError(status, message, "OAuthException", code, subcode, "trace", null, null);
        MetaGraphException exception = ErrorClassifier.classify("messages", error);
        assertThat(exception).isInstanceOf(type);
        assertThat(exception.retryable()).isEqualTo(retryable);
        assertThat(exception.code()).isEqualTo(code);
        assertThat(exception.getMessage()).contains("#" + code).contains(message).contains("messages");
    }

    @ParameterizedTest(name = "{1}/{2} advice")
    @MethodSource("table")
    void conversationRoutingErrorsSayWhatToDoInstead(int status, int code, int subcode, String message, Class<?> type,
            boolean retryable) {
        MetaGraphException exception = ErrorClassifier.classify("pass_thread_control",
                new MetaError(status, message, null, code, subcode, null, null, null));
        if (exception instanceof NotThreadOwnerException || exception instanceof HandoverUnavailableException) {
            assertThat(exception.advice()).isNotBlank();
        }
        if (exception instanceof HandoverUnavailableException unavailable && unavailable.handoverProtocolDisabled()) {
            assertThat(exception.advice()).contains("thread_control");
        }
    }

    @org.junit.jupiter.api.Test
    void localErrorsSayWhatHappened() {
        OutsideMessagingWindowException outside = new OutsideMessagingWindowException(
                OutsideMessagingWindowException.Window.STANDARD_24_HOURS, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                java.time.Duration.ofHours(26).plusMinutes(3));
        assertThat(outside.getMessage()).contains("24-hour").contains("26h 3m ago");
        assertThat(outside.advice()).contains("HUMAN_AGENT");
        assertThat(new SendTimedOutException("messages", null).retryable()).isFalse();
        assertThat(new RateLimitQueueFullException("page-text", 5).retryable()).isTrue();
        assertThat(new GraphTransportException("messages", true, new java.net.ConnectException()).retryable()).isTrue();
        assertThat(new GraphTransportException("messages", false, new java.io.IOException()).retryable()).isFalse();
    }
}
