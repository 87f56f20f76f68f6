package dev.baton.inboxbridge;

import dev.baton.config.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The inbox bridge's {@code settings:} block (see the module README for a complete example). Unknown keys
 * are refused by the runtime when the block is read; bad values are refused here, naming the key.
 *
 * @param mode        {@code meta-inbox} (default) or {@code helpdesk}
 * @param handoffText said to the person when the bridge takes a conversation; absent means say nothing
 * @param returnTo    the app id to give conversations back to; absent means the Page's default app
 * @param metaInbox   settings of {@code meta-inbox} mode
 * @param helpdesk    settings of {@code helpdesk} mode (required in that mode)
 */
public record Settings(String mode, String handoffText, String returnTo, MetaInbox metaInbox,
                                Helpdesk helpdesk) {

    public static final String META_INBOX = "meta-inbox";
    public static final String HELPDESK = "helpdesk";

    public Settings {
        mode = mode == null ? META_INBOX : mode;
        if (!META_INBOX.equals(mode) && !HELPDESK.equals(mode)) {
            throw new IllegalArgumentException("mode must be meta-inbox or helpdesk, got " + mode);
        }
        if (handoffText != null && (handoffText.isBlank() || handoffText.length() > 2000)) {
            throw new IllegalArgumentException("handoffText must be 1 to 2000 characters");
        }
        if (returnTo != null && !returnTo.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("returnTo must be a numeric app id");
        }
        metaInbox = metaInbox == null ? new MetaInbox(null) : metaInbox;
        if (HELPDESK.equals(mode) && helpdesk == null) {
            throw new IllegalArgumentException("mode helpdesk needs a helpdesk: block");
        }
    }

    public boolean helpdeskMode() {
        return HELPDESK.equals(mode);
    }

    /** @param inboxAppId the inbox app to pass to; absent means 263902037430900 (Instagram: 1217981644879628) */
    public record MetaInbox(String inboxAppId) {
        public MetaInbox {
            if (inboxAppId != null && !inboxAppId.matches("\\d{1,20}")) {
                throw new IllegalArgumentException("metaInbox.inboxAppId must be a numeric app id");
            }
        }
    }

    /**
     * @param connector       {@code http} (default) or {@code memory} (tests and demos only)
     * @param webhookUrl      where outgoing events are POSTed (http connector)
     * @param signingSecret   the shared HMAC secret for both directions; write it as {@code ${ENV_NAME}}
     * @param timeout         per outgoing call (default {@code 10s})
     * @param replyWait       how long an inbound reply waits for delivery before answering 503 (default {@code 10s})
     * @param unavailableText said to the person when the helpdesk cannot take the conversation
     * @param handBackAfter   an open ticket with no message from either side for this long is closed and the
     *                        conversation handed back (default {@code 23h}: before Meta's 24-hour control expiry)
     * @param reclaimFromHostedDefault when an agent replies after Meta gave the thread back to the default app
     *                        and this deployment hosts that app, have it pass the thread back so the reply can
     *                        go out with the HUMAN_AGENT tag (default {@code true})
     * @param agentPersonas   send an agent's reply as a Messenger persona carrying the agent's name when the
     *                        helpdesk gives one (default {@code true}); one persona per name, made on first use
     * @param agentPersonaPictureUrl the persona's picture (Meta needs one); without it replies go without a
     *                        persona
     */
    public record Helpdesk(String connector, String webhookUrl, String signingSecret, String timeout, String replyWait,
                           String unavailableText, String handBackAfter, Boolean reclaimFromHostedDefault,
                           Boolean agentPersonas, String agentPersonaPictureUrl) {

        /** The settings without the persona keys (their defaults: on, no picture). */
        public Helpdesk(String connector, String webhookUrl, String signingSecret, String timeout, String replyWait,
                        String unavailableText, String handBackAfter, Boolean reclaimFromHostedDefault) {
            this(connector, webhookUrl, signingSecret, timeout, replyWait, unavailableText, handBackAfter,
                    reclaimFromHostedDefault, null, null);
        }

        public Helpdesk {
            connector = connector == null ? "http" : connector.toLowerCase(Locale.ROOT);
            if (!"http".equals(connector) && !"memory".equals(connector)) {
                throw new IllegalArgumentException("helpdesk.connector must be http or memory, got " + connector);
            }
            if ("http".equals(connector)) {
                if (webhookUrl == null) {
                    throw new IllegalArgumentException("helpdesk.webhookUrl is required for the http connector");
                }
                URI uri = URI.create(webhookUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("helpdesk.webhookUrl must be an http(s) URL");
                }
            }
            if (signingSecret == null || signingSecret.length() < 16) {
                throw new IllegalArgumentException("helpdesk.signingSecret is required (at least 16 characters)");
            }
            timeout = timeout == null ? "10s" : timeout;
            replyWait = replyWait == null ? "10s" : replyWait;
            handBackAfter = handBackAfter == null ? "23h" : handBackAfter;
            parse("helpdesk.timeout", timeout, Duration.ofMinutes(5));
            parse("helpdesk.replyWait", replyWait, Duration.ofMinutes(5));
            parse("helpdesk.handBackAfter", handBackAfter, Duration.ofDays(7));
            unavailableText = unavailableText == null
                    ? "Sorry, our team can't be reached right now. Please try again later." : unavailableText;
            reclaimFromHostedDefault = reclaimFromHostedDefault == null || reclaimFromHostedDefault;
            agentPersonas = agentPersonas == null || agentPersonas;
            if (agentPersonaPictureUrl != null) {
                URI picture = URI.create(agentPersonaPictureUrl);
                if (!"https".equals(picture.getScheme()) && !"http".equals(picture.getScheme())) {
                    throw new IllegalArgumentException("helpdesk.agentPersonaPictureUrl must be an http(s) URL");
                }
            }
        }

        /** True when agent replies go out as personas: the switch is on and there is a picture for them. */
        public boolean sendsAsPersonas() {
            return agentPersonas && agentPersonaPictureUrl != null;
        }

        public Duration timeoutDuration() {
            return parse("helpdesk.timeout", timeout, Duration.ofMinutes(5));
        }

        public Duration replyWaitDuration() {
            return parse("helpdesk.replyWait", replyWait, Duration.ofMinutes(5));
        }

        public Duration handBackAfterDuration() {
            return parse("helpdesk.handBackAfter", handBackAfter, Duration.ofDays(7));
        }

        private static Duration parse(String key, String text, Duration max) {
            try {
                Duration duration = Durations.parse(text);
                if (duration.isZero() || duration.isNegative() || duration.compareTo(max) > 0) {
                    throw new IllegalArgumentException("must be more than 0 and at most " + Durations.format(max));
                }
                return duration;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            String where = webhookUrl == null ? null : URI.create(webhookUrl).getHost();
            return "Helpdesk[connector=" + connector + ", webhookHost=" + where + ", signingSecret=****, timeout="
                    + timeout + ", replyWait=" + replyWait + ", handBackAfter=" + handBackAfter
                    + ", reclaimFromHostedDefault=" + reclaimFromHostedDefault + ", agentPersonas=" + agentPersonas
                    + ", agentPersonaPictureUrl=" + agentPersonaPictureUrl + "]";
        }
    }
}
