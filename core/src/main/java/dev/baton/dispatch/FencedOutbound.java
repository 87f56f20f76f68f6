package dev.baton.dispatch;

import dev.baton.event.ConversationKey;
import dev.baton.send.SendResponse;
import dev.baton.send.SendRequest;
import dev.baton.spi.ThreadOwnership;
import dev.baton.spi.WorkSource;

/**
 * An app's way out to Meta on an instance that shares its Page with others: every send, pass and release
 * first asks the {@link WorkSource} whether this instance still runs the conversation, so a callback that
 * was under way when the instance lost it (frozen past its lease, partitioned) says nothing more for it. The
 * event stays undone in the journal and its new holder runs it, flagged redelivered.
 */
final class FencedOutbound implements Outbound {

    private final Outbound delegate;
    private final WorkSource source;

    FencedOutbound(Outbound delegate, WorkSource source) {
        this.delegate = delegate;
        this.source = source;
    }

    private void check(ConversationKey conversation) {
        if (!source.runsHere(conversation)) {
            throw new ConversationMovedException(conversation);
        }
    }

    @Override
    public SendResponse send(ConversationKey conversation, SendRequest request) {
        check(conversation);
        return delegate.send(conversation, request);
    }

    @Override
    public void pass(ConversationKey conversation, String targetAppId, String metadata) {
        check(conversation);
        delegate.pass(conversation, targetAppId, metadata);
    }

    @Override
    public void release(ConversationKey conversation, String metadata) {
        check(conversation);
        delegate.release(conversation, metadata);
    }

    @Override
    public ThreadOwnership owner(ConversationKey conversation) {
        return delegate.owner(conversation);
    }

    /** Thrown to a callback whose conversation another instance runs now. */
    static final class ConversationMovedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConversationMovedException(ConversationKey conversation) {
            super("conversation " + conversation + " is run by another instance now; nothing sent");
        }
    }
}
