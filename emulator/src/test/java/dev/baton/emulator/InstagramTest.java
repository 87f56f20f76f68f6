package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.EchoEvent;
import dev.baton.event.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An Instagram account: webhooks as {@code object: instagram}, and the Instagram Inbox app. */
class InstagramTest {

    @Test
    void instagramWebhooksAndTheInstagramInbox() {
        try (PageFixture page = PageFixture.start(EmulatorOptions.forTests(),
                json -> json.put("platform", "instagram").put("default_app_id", DEFAULT_APP))) {
            page.act("ad-click", Map.of("ad_id", "ad-ig", "receiving_app_id", MARKETING, "text", "hi"));
            page.act("inbox-reply", Map.of("text", "Hello from the team"));

            var post = page.receivers.get(MARKETING).received().get(0);
            assertThat(post.bodyText()).startsWith("{\"object\":\"instagram\"");
            assertThat(post.batch().platform()).isEqualTo(Platform.INSTAGRAM);
            assertThat(page.owner()).isEqualTo(PageRegistration.INSTAGRAM_INBOX_APP_ID);
            assertThat(page.newEvents(DEFAULT_APP)).last().isInstanceOfSatisfying(EchoEvent.class,
                    echo -> assertThat(echo.appId()).isEqualTo(PageRegistration.INSTAGRAM_INBOX_APP_ID));
            assertThat(page.http.get("/_emulator/pages/" + PageFixture.PAGE).json().path("inbox_app_id").asText())
                    .isEqualTo(PageRegistration.INSTAGRAM_INBOX_APP_ID);
        }
    }
}
