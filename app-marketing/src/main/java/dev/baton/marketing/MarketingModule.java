package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.marketing.lead.JsonlLeadSink;
import dev.baton.marketing.lead.LeadSink;
import dev.baton.marketing.lead.LoggingLeadSink;
import dev.baton.spi.ConversationApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * Binds one marketing app instance: its {@link Settings}, the {@link LeadSink} its config names and the
 * {@link ConversationApp}. The runtime binds the {@code MeterRegistry}. A team that sends leads to its CRM
 * keeps this module and overrides the sink:
 * {@code Modules.override(new MarketingModule(config, name)).with(b -> b.bind(LeadSink.class).toInstance(crm))}.
 */
public final class MarketingModule extends AbstractModule {

    private final Settings config;
    private final String appName;

    public MarketingModule(Settings config, String appName) {
        this.config = requireNonNull(config, "config is null");
        this.appName = requireNonNull(appName, "appName is null");
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(config);
    }

    @Provides
    @Singleton
    LeadSink leadSink() {
        return switch (config.leadSink().type()) {
            case "jsonl" -> new JsonlLeadSink(Path.of(config.leadSink().path()));
            default -> new LoggingLeadSink();
        };
    }

    @Provides
    @Singleton
    ConversationApp app(LeadSink sink, MeterRegistry registry) {
        return new MarketingApp(config, sink, registry, appName);
    }
}
