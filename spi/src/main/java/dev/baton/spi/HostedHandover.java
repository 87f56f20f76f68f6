package dev.baton.spi;

import static java.util.Objects.requireNonNull;

/**
 * An in-house handover: one narrow, explicit way for a hosted app that stands for human agents (role
 * {@code INBOX}) to get a conversation's thread back from the Page's default app, when this same deployment
 * hosts that default app. The deployment makes the default app pass the thread ({@code pass_thread_control},
 * with the default app's own token, target: the requesting app, the caller's metadata saying why) — an
 * action Conversation Routing allows the owner. It exists because Meta returns a thread to the default app
 * 24 hours after the person's last action, and an app using the {@code HUMAN_AGENT} tag "cannot take control
 * from another app": a human agent answering between 24 hours and 7 days needs the owner to give it back.
 *
 * <p>What it never does: act for any app other than the default app, pass to any app other than the
 * requesting one, take a thread from an app this deployment does not host (an outside default app, the Page
 * Inbox), or pass a thread the default app does not own. Every use is logged and counted
 * ({@code baton.runtime.hosted_handovers{app, outcome}}); the metadata is never logged.
 *
 * <p>Get it from {@link AppContext#hostedHandover()}. Threading: call it only from one of the requesting
 * app's callbacks for {@code conversation} (the conversation's lane), so that the default app's own
 * callbacks for that conversation cannot run at the same time. It blocks until Meta answered and throws the
 * Graph client's unchecked exceptions for failures other than "not the thread owner".
 */
public interface HostedHandover {

    /**
     * Has the hosted default app pass {@code conversation}'s thread to the app {@code conversation} belongs
     * to, if the default app owns it.
     *
     * @param conversation the requesting app's conversation (its callback's argument)
     * @param metadata     the handover metadata saying why (JSON, required; at most 1000 characters)
     * @throws IllegalArgumentException when {@code conversation} is not the requesting app's, or is on another
     *                                  Page, or the metadata is missing or too long
     */
    Result reclaimFromDefault(Conversation conversation, String metadata);

    /** What became of a request. */
    enum Outcome {
        /** The default app passed the thread to the requesting app. */
        RECLAIMED,
        /** The requesting app owns the thread already; nothing was done. */
        ALREADY_OWNER,
        /** The requesting app may not use this (it is the default app, or its role is not {@code INBOX}). */
        NOT_PERMITTED,
        /** The Page's default app is not hosted by this deployment (or the Page has none). */
        DEFAULT_NOT_HOSTED,
        /** Someone other than the hosted default app owns the thread (the Inbox, an outside app, unknown). */
        OWNED_ELSEWHERE
    }

    /**
     * @param outcome    what happened
     * @param ownerAppId the thread's owner afterwards as far as known (null: not known)
     * @param detail     a sentence for logs and for the people the app reports to; no secret, no metadata
     */
    record Result(Outcome outcome, String ownerAppId, String detail) {
        public Result {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(detail, "detail is null");
        }

        /** True when the requesting app owns the thread now and may act as its owner. */
        public boolean owns() {
            return outcome == Outcome.RECLAIMED || outcome == Outcome.ALREADY_OWNER;
        }
    }
}
