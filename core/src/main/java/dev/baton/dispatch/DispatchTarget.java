package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;

/** One hosted app as the dispatcher sees it: who it is, the code handling its events, and its way out to Meta. */
public record DispatchTarget(HostedApp app, ConversationApp handler, Outbound outbound) {
    public DispatchTarget {
        requireNonNull(app, "app is null");
        requireNonNull(handler, "handler is null");
        requireNonNull(outbound, "outbound is null");
    }

    public String name() {
        return app.name();
    }
}
