package dev.baton.defaultapp;

import dev.baton.event.EchoEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;

/**
 * What the default app learns from events, whichever array they came in: the referral the person came with
 * and the last messages of either side. On standby (another app owns the thread) this is all it does, so
 * that when control comes back the person is not asked again. Never sends.
 */
final class StandbyWatcher {

    private final int contextMessages;

    StandbyWatcher(int contextMessages) {
        this.contextMessages = contextMessages;
    }

    /** The memory updated with {@code event}; reads, deliveries, reactions and the like change nothing. */
    ConversationMemory observe(WebhookEvent event, ConversationMemory memory) {
        long at = event.header().timestamp();
        if (event instanceof MessageEvent message) {
            ConversationMemory updated = message.message().referral() == null ? memory
                    : memory.withReferral(Observations.seen(message.message().referral()));
            String text = Observations.describe(message.message());
            return updated.withLine(new ConversationMemory.Line("person", text, at), contextMessages);
        }
        if (event instanceof PostbackEvent postback) {
            ConversationMemory updated = postback.referral() == null ? memory
                    : memory.withReferral(Observations.seen(postback.referral()));
            String title = postback.title() == null ? "a button" : postback.title();
            return updated.withLine(new ConversationMemory.Line("person", "[tapped] " + title, at), contextMessages);
        }
        if (event instanceof ReferralEvent referral) {
            return memory.withReferral(Observations.seen(referral.referral())).withPersonSeenAt(at);
        }
        if (event instanceof EchoEvent echo) {
            String text = Observations.describe(echo.message());
            return memory.withLine(new ConversationMemory.Line("page", text, at), contextMessages);
        }
        return memory;
    }
}
