package dev.baton.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.baton.event.MessageEvent;
import dev.baton.spi.AppContext;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** A test plugin (listed in test META-INF/services): replies "{greeting} from {appId}" to every message. */
public final class GreeterPlugin implements GuiceAppPlugin {

    public record GreeterSettings(String greeting, Integer repeat) {}

    static final AtomicInteger MODULES_MADE = new AtomicInteger();

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        MODULES_MADE.incrementAndGet();
        GreeterSettings settings = context.settings(GreeterSettings.class, new GreeterSettings("hello", 1));
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(GreeterSettings.class).toInstance(settings);
                bind(ConversationApp.class).to(GreeterApp.class);
            }
        };
    }

    @Singleton
    public static final class GreeterApp implements ConversationApp {
        final GreeterSettings settings;
        final HostedApp app;
        final AppContext context;

        @Inject
        GreeterApp(GreeterSettings settings, HostedApp app, AppContext context) {
            this.settings = settings;
            this.app = app;
            this.context = context;
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            for (int i = 0; i < settings.repeat(); i++) {
                conversation.reply(settings.greeting() + " from " + app.appId());
            }
        }
    }
}
