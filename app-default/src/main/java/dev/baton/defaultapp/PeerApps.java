package dev.baton.defaultapp;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Platform;
import java.util.HashSet;
import java.util.Set;

/**
 * The other apps the default app needs to know by id, resolved from the deployment's hosted apps at start.
 *
 * @param bridgeAppId   the inbox bridge to escalate to, or null when none is hosted
 * @param humanAppIds   apps that stand for humans (inbox bridges); the Meta inboxes are always added
 */
public record PeerApps(String bridgeAppId, Set<String> humanAppIds) {

    /** Meta Business Suite Inbox on Messenger. */
    public static final String PAGE_INBOX_APP_ID = "263902037430900";
    /** The Instagram inbox. */
    public static final String INSTAGRAM_INBOX_APP_ID = "1217981644879628";

    public PeerApps {
        Set<String> all = new HashSet<>(requireNonNull(humanAppIds, "humanAppIds is null"));
        all.add(PAGE_INBOX_APP_ID);
        all.add(INSTAGRAM_INBOX_APP_ID);
        if (bridgeAppId != null) {
            all.add(bridgeAppId);
        }
        humanAppIds = Set.copyOf(all);
    }

    static String inboxAppId(Platform platform) {
        return platform == Platform.INSTAGRAM ? INSTAGRAM_INBOX_APP_ID : PAGE_INBOX_APP_ID;
    }

    boolean isHuman(String appId) {
        return appId != null && humanAppIds.contains(appId);
    }
}
