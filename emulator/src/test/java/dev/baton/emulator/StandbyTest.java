package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed rule: non-owners get standby copies of messages, postbacks, reads and deliveries when their flag is on. */
class StandbyTest {

    private PageFixture page;

    @BeforeEach
    void defaultAppOwns() {
        page = PageFixture.withDefaultApp();
        page.act("messages", Map.of("text", "hello"));
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void watchersWithStandbyOnGetCopiesOfEveryKindAndThoseWithItOffGetNothing() throws Exception {
        page.sendText(DEFAULT_APP, "Hi, how can I help?");
        page.awaitNewEvents(MARKETING, 2);
        page.act("postbacks", Map.of("payload", "MENU", "title", "Menu"));
        page.act("delivered", Map.of());
        page.act("read", Map.of());

        List<WebhookEvent> standby = page.newEvents(MARKETING);
        assertThat(standby).extracting(WebhookEvent::channel).containsOnly(Channel.STANDBY);
        assertThat(standby).hasExactlyElementsOfTypes(PostbackEvent.class, DeliveryEvent.class, ReadEvent.class);
        DeliveryEvent delivery = (DeliveryEvent) standby.get(1);
        assertThat(delivery.mids()).hasSize(1);
        assertThat(delivery.watermark()).isPositive();

        List<WebhookEvent> owner = page.newEvents(DEFAULT_APP);
        assertThat(owner).extracting(WebhookEvent::channel).containsOnly(Channel.MESSAGING);
        assertThat(owner).filteredOn(MessageEvent.class::isInstance).hasSize(1);

        assertThat(page.newEvents(AGENT)).as("standby off").isEmpty();
    }
}
