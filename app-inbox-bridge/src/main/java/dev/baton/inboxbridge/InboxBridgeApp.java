package dev.baton.inboxbridge;

import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.spi.HostedHandover;
import dev.baton.spi.AppEndpoint;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.RedeliveryGuard;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The inbox bridge: the app that stands for human agents. In {@code meta-inbox} mode it passes conversations
 * on to Meta Business Suite Inbox and watches; in {@code helpdesk} mode it owns them and mirrors them to an
 * outside helpdesk through a {@link HelpdeskConnector}, whose agents answer through this app's
 * {@link AppEndpoint} ({@code POST /apps/{name}/helpdesk}). Either way it gives the conversation back to the
 * default app with {@code human-done} metadata when the humans are done.
 *
 * <p>A message, postback, referral or handover handed over again after a crash ({@code redelivered()}) that
 * the bridge had finished is not handled again ({@link RedeliveryGuard}, slot {@code inbox-bridge.done}).
 *
 * <p>Threading: callbacks follow the dispatcher's promise (one at a time per conversation); per-conversation
 * data lives in the conversation's state. {@link #handle} runs on HTTP threads and hands its work to the
 * conversation's lane.
 */
public final class InboxBridgeApp implements ConversationApp, AppEndpoint {

    private final ConversationApp mode;
    private final HelpdeskInbound inbound;
    /** The state slot holding the key of the last event the bridge finished. */
    static final String DONE_SLOT = "inbox-bridge.done";

    private final RedeliveryGuard done = new RedeliveryGuard(DONE_SLOT);
    private final BridgeMetrics metrics;

    /**
     * A bridge that never has a lapsed thread passed back in-house (helpdesk replies after the 24-hour lapse
     * are refused as not-owner).
     *
     * @param connector the helpdesk (required in helpdesk mode, ignored in meta-inbox mode)
     */
    public InboxBridgeApp(Settings config, HelpdeskConnector connector, MeterRegistry registry,
                          String appName) {
        this(config, connector, registry, appName, null);
    }

    /**
     * @param connector      the helpdesk (required in helpdesk mode, ignored in meta-inbox mode)
     * @param hostedHandover the runtime's in-house handover, used in helpdesk mode for agent replies after
     *                       Meta's 24-hour lapse; null: not used
     */
    public InboxBridgeApp(Settings config, HelpdeskConnector connector, MeterRegistry registry,
                          String appName, HostedHandover hostedHandover) {
        this.metrics = new BridgeMetrics(registry, appName, config.mode());
        EpisodeCodec episodes = new EpisodeCodec();
        HandBack handBack = new HandBack(config.returnTo(), metrics);
        if (config.helpdeskMode()) {
            if (connector == null) {
                throw new IllegalArgumentException("helpdesk mode needs a HelpdeskConnector");
            }
            this.inbound = new HelpdeskInbound(connector, config.helpdesk().replyWaitDuration());
            this.mode = new HelpdeskMode(config, connector, episodes, handBack, metrics, inbound,
                    new Reclaim(hostedHandover));
        } else {
            this.inbound = null;
            this.mode = new MetaInboxMode(config, episodes, handBack, metrics);
        }
    }

    @Override
    public AppEndpointResponse handle(AppEndpointRequest request, ConversationTrigger trigger) {
        if (inbound == null) {
            return new InboundOutcome(404, "not-found", "meta-inbox mode serves no endpoint").response();
        }
        return inbound.handle(request, trigger);
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        once(event, conversation, () -> mode.onMessage(event, conversation));
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        once(event, conversation, () -> mode.onPostback(event, conversation));
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        once(event, conversation, () -> mode.onReferral(event, conversation));
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        once(event, conversation, () -> mode.onHandover(event, conversation));
    }

    @Override
    public void onEcho(EchoEvent event, Conversation conversation) {
        mode.onEcho(event, conversation);
    }

    @Override
    public void onRead(ReadEvent event, Conversation conversation) {
        mode.onRead(event, conversation);
    }

    @Override
    public void onDelivery(DeliveryEvent event, Conversation conversation) {
        mode.onDelivery(event, conversation);
    }

    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        mode.onStandby(event, conversation);
    }

    @Override
    public void onTimer(String timerName, Conversation conversation) {
        mode.onTimer(timerName, conversation);
    }

    /** Handles an event unless it is a redelivery of the last one the bridge finished (then counted). */
    private void once(WebhookEvent event, Conversation conversation, Runnable handling) {
        if (!done.runOnce(event, conversation, handling)) {
            metrics.redeliveredSkipped();
        }
    }
}
