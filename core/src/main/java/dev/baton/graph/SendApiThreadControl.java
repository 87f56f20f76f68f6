package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.send.SendRequest;
import dev.baton.send.SendThreadControl;
import dev.baton.spi.ThreadControl;
import dev.baton.spi.ThreadOwnership;

/**
 * Thread control riding on a Send API message, the way Conversation Routing wants it. Meta needs a message
 * with {@code thread_control}, and {@code pass(conversation, target, metadata)} has none, so:
 * <ul>
 *   <li>with a configured hand-off text ({@link GraphTuning#handoffText()}), pass sends that text with
 *       {@code thread_control} (payload form to the default app when no target is given, app-id form with
 *       {@code control_type: pass} otherwise) and release sends it with the payload form
 *       {@code release_thread_control}; the caller's metadata goes into {@code message.metadata}, which
 *       Meta echoes to the apps (Send API thread control has no metadata of its own);
 *   <li>without one, it falls back to the {@code pass_thread_control} / {@code release_thread_control}
 *       endpoints, which still work under Conversation Routing: a message the app did not write is never
 *       invented.
 * </ul>
 * Apps that want their own words send {@code SendRequest.text(...).withThreadControl(...)} themselves;
 * that updates the ownership record the same way. Thread-safe.
 */
public final class SendApiThreadControl implements ThreadControl {

    private final GraphClient client;
    private final HandoverProtocolThreadControl fallback;
    private final String handoffText;

    public SendApiThreadControl(GraphClient client, HandoverProtocolThreadControl fallback, String handoffText) {
        this.client = requireNonNull(client, "client is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
        this.handoffText = handoffText;
    }

    @Override
    public void pass(ConversationKey conversation, String targetAppId, String metadata) {
        if (handoffText == null) {
            fallback.pass(conversation, targetAppId, metadata);
            return;
        }
        client.send(conversation, SendRequest.builder().text(handoffText).metadata(metadata)
                .threadControl(targetAppId == null ? SendThreadControl.passToDefaultApp()
                        : SendThreadControl.passTo(targetAppId))
                .build());
    }

    @Override
    public void release(ConversationKey conversation, String metadata) {
        if (handoffText == null) {
            fallback.release(conversation, metadata);
            return;
        }
        client.send(conversation, SendRequest.builder().text(handoffText).metadata(metadata)
                .threadControl(SendThreadControl.release()).build());
    }

    @Override
    public ThreadOwnership owner(ConversationKey conversation) {
        return fallback.owner(conversation);
    }
}
