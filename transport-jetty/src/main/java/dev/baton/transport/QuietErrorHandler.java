package dev.baton.transport;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every error Jetty itself produces (bad HTTP, a handler that threw, a rejected request) with only
 * the standard reason phrase as JSON: never the exception's message, its cause or a stack trace, because
 * those may mention what a request carried.
 */
final class QuietErrorHandler extends ErrorHandler {

    QuietErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        Answers.error(response, callback, code, reason(code));
    }

    private static String reason(int code) {
        String phrase = HttpStatus.getMessage(code);
        return phrase == null ? "error" : phrase;
    }
}
