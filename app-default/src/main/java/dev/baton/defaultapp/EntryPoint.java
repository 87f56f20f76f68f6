package dev.baton.defaultapp;

/** How the person reached the default app for the current turn. */
public enum EntryPoint {
    /** Tapped Get Started (possibly through an m.me link, then with a {@code ref}). */
    GET_STARTED,
    /** Opened an m.me / ig.me link into an existing thread ({@code messaging_referrals}, source SHORTLINK). */
    LINK,
    /** Came from an ad that was routed to the default app (no marketing app took it). */
    AD,
    /** Wrote first, with no earlier message this app knows of. */
    ORGANIC,
    /** Wrote after the 24-hour standard messaging window had closed. */
    AFTER_WINDOW,
    /** Another app (the marketing app) passed the conversation to the default app. */
    HANDOVER,
    /** Control came back from the human agents (the inbox bridge or the Page Inbox). */
    RETURNED_FROM_HUMAN,
    /** A persistent-menu or button postback in an ongoing conversation. */
    MENU,
    /** A message in an ongoing conversation. */
    ONGOING
}
