package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.Platform;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration values refuse what Meta could not have: bad ids, duplicates, routes to strangers. */
class PageRegistrationTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/webhook");

    private static AppRegistration app(String id, String token) {
        return AppRegistration.of(id, null, "secret", token, URL, "verify");
    }

    @Test
    void aValidPageKeepsItsValuesAndDefaults() {
        PageRegistration page = PageRegistration.messenger("1", "2", List.of(app("2", "a"), app("3", "b")))
                .withLinkRoutes(Map.of("promo", "3")).withSocialAppId(PageRegistration.PAGE_INBOX_APP_ID);

        assertThat(page.getStartedPayload()).isEqualTo("GET_STARTED");
        assertThat(page.apps().get(0).name()).isEqualTo("2");
        assertThat(page.apps().get(0).standby()).isTrue();
        assertThat(page.apps().get(0).canTakeControl()).isFalse();
        assertThat(page.inboxAppId()).isEqualTo("263902037430900");
        assertThat(page.withSocialAppId(null).withPlatform(Platform.INSTAGRAM).inboxAppId()).isEqualTo("1217981644879628");
        assertThatThrownBy(() -> page.withPlatform(Platform.INSTAGRAM)).as("the Messenger Inbox is not on Instagram")
                .hasMessageContaining("social_app_id");
    }

    @Test
    void inconsistentPagesAreRefused() {
        assertThatThrownBy(() -> PageRegistration.messenger("x1", null, List.of()))
                .hasMessageContaining("numeric");
        assertThatThrownBy(() -> PageRegistration.messenger("1", null, List.of(app("2", "a"), app("2", "b"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PageRegistration.messenger("1", null, List.of(app("2", "a"), app("3", "a"))))
                .hasMessageContaining("access_token").hasMessageNotContaining("\"a\"");
        assertThatThrownBy(() -> PageRegistration.messenger("1", "9", List.of(app("2", "a"))))
                .hasMessageContaining("default_app_id");
        assertThatThrownBy(() -> PageRegistration.messenger("1", null, List.of(app("263902037430900", "a"))))
                .hasMessageContaining("Inbox");
        assertThatThrownBy(() -> PageRegistration.messenger("1", null, List.of(app("2", "a")))
                .withLinkRoutes(Map.of("promo", "7"))).hasMessageContaining("link_routes");
        assertThatThrownBy(() -> PageRegistration.messenger("1", null, List.of(app("2", "a")))
                .withLinkRoutes(Map.of("bad ref!", "2"))).hasMessageContaining("ref");
        assertThatThrownBy(() -> AppRegistration.of("2", null, "s", "t", URI.create("ftp://x/y"), "v"))
                .hasMessageContaining("webhook_url");
        assertThatThrownBy(() -> AppRegistration.of("2", null, " ", "t", URL, "v"))
                .hasMessageContaining("blank");
    }
}
