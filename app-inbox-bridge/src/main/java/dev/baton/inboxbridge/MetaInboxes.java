package dev.baton.inboxbridge;

import dev.baton.event.Platform;

/** Meta's inbox app ids, and the one a bridge uses. */
final class MetaInboxes {

    /** Meta Business Suite Inbox (Page Inbox) on Messenger. */
    static final String PAGE_INBOX = "263902037430900";
    /** The inbox on Instagram. */
    static final String INSTAGRAM_INBOX = "1217981644879628";

    private MetaInboxes() {}

    static String inboxAppId(Settings config, Platform platform) {
        if (config.metaInbox().inboxAppId() != null) {
            return config.metaInbox().inboxAppId();
        }
        return platform == Platform.INSTAGRAM ? INSTAGRAM_INBOX : PAGE_INBOX;
    }
}
