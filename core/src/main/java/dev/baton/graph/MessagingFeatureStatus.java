package dev.baton.graph;

import dev.baton.event.Platform;

/** {@code GET me?fields=messaging_feature_status}: whether Conversation Routing is on, per platform. */
public record MessagingFeatureStatus(boolean hopV2, boolean messengerMultiApp, boolean instagramMultiApp) {

    /** True when the Page runs Conversation Routing on {@code platform} (msgr_multi_app / ig_multi_app). */
    public boolean conversationRouting(Platform platform) {
        return platform == Platform.INSTAGRAM ? instagramMultiApp : messengerMultiApp;
    }
}
