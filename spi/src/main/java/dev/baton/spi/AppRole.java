package dev.baton.spi;

/** The part an app plays on the Page under Conversation Routing. */
public enum AppRole {
    /** Answers Click-to-Message ads; passes or releases when done. */
    MARKETING,
    /** The Page's default app: every other entry point, and what control returns to. */
    DEFAULT,
    /** Hands conversations to human agents (Meta Business Suite Inbox or a helpdesk). */
    INBOX,
    /** Anything else a team builds. */
    CUSTOM
}
