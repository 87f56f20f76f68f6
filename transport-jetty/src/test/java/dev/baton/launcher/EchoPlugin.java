package dev.baton.launcher;

import com.google.inject.Module;
import dev.baton.event.MessageEvent;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test app: answers "echo: <text>"; a message "slow" waits for {@link #release} first (up to 20 s), so a
 * test can hold a lane busy. Records every handled text.
 */
final class EchoPlugin implements GuiceAppPlugin {

    final List<String> handled = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch slowStarted = new CountDownLatch(1);

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        return GuiceAppPlugin.instance(new ConversationApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                String text = event.message().text();
                if ("slow".equals(text)) {
                    slowStarted.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                handled.add(text);
                conversation.reply("echo: " + text);
            }
        });
    }
}
