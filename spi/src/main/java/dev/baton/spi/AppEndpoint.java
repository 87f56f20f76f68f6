package dev.baton.spi;

/**
 * An HTTP endpoint an app serves beside its webhook, for input that does not come from Meta: a helpdesk's
 * agent replies, an operator's command. Optional: an app offers one by having its bound
 * {@link ConversationApp} also implement this interface.
 *
 * <p>A transport that supports it serves each such app under {@code /apps/{app-name}/} and hands over the
 * rest of the path ({@code /apps/inbox-bridge/helpdesk/replies} arrives as {@code /helpdesk/replies}),
 * every header and the raw body, after enforcing its body-size limit. Authentication is the app's job (for
 * example an HMAC signature over the raw body); the transport adds none. An answer's body is written as is.
 *
 * <p>Threading: called on the transport's request threads, concurrently. Work that touches a conversation
 * must go through {@code trigger}, so it runs in the conversation's order like its webhook events; an
 * implementation may wait for that work, briefly and with a timeout. Never put a secret in an answer.
 */
public interface AppEndpoint {

    AppEndpointResponse handle(AppEndpointRequest request, ConversationTrigger trigger);
}
