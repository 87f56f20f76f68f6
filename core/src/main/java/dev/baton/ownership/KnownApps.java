package dev.baton.ownership;

import java.util.Set;

/** Meta's own apps that take part in Conversation Routing, by app id. */
public final class KnownApps {

    /** Meta Business Suite / Page Inbox (human agents on Messenger). */
    public static final String PAGE_INBOX = "263902037430900";
    /** The Instagram Inbox. */
    public static final String INSTAGRAM_INBOX = "1217981644879628";
    /** Messenger Lead Ads: holds control while a lead form runs. */
    public static final String MESSENGER_LEAD_ADS = "413038776280800";

    /** The inboxes: an echo sent through one of them means a human replied and the inbox took control. */
    public static final Set<String> INBOXES = Set.of(PAGE_INBOX, INSTAGRAM_INBOX);

    private KnownApps() {}
}
