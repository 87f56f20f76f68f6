package dev.baton.transport;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The last handler: every path nobody claimed. */
final class NotFoundHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Answers.error(response, callback, 404, "not found");
        return true;
    }
}
