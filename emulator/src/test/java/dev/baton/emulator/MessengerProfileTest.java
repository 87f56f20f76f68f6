package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.HttpJson.Answer;
import dev.baton.emulator.testing.EmulatorExtension;
import dev.baton.event.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /me/messenger_profile} (platform-facts §8): only the properties sent are overwritten; Meta's limits
 * refused with {@code (#100)} and nothing changed; 10 calls per 10 minutes per Page; the welcome screen a new
 * person sees in the control API.
 */
class MessengerProfileTest {

    @RegisterExtension
    final EmulatorExtension extension = new EmulatorExtension();

    static final String PAGE = "8000";
    static final String PROFILE = "/v25.0/me/messenger_profile?access_token=t-8001";

    Emulator emulator;
    HttpJson http;

    @BeforeEach
    void register() {
        emulator = extension.emulator();
        http = new HttpJson(emulator.baseUrl());
        emulator.registerPage(PageRegistration.messenger(PAGE, "8001", List.of(
                AppRegistration.unsubscribed("8001", "Default", "s-8001", "t-8001"))), PageConnection.fresh());
    }

    @Test
    void setReadAndDeleteProperties() {
        Answer set = http.post(PROFILE, Map.of("get_started", Map.of("payload", "GET_STARTED"),
                "greeting", List.of(Map.of("locale", "default", "text", "Hello {{user_first_name}}!"))));
        assertThat(set.json().path("result").asText()).isEqualTo("success");
        assertThat(http.post(PROFILE, Map.of("whitelisted_domains", List.of("https://shop.example.com"))).status())
                .isEqualTo(200);

        Answer read = http.get(PROFILE + "&fields=get_started,greeting,whitelisted_domains,ice_breakers");
        assertThat(read.json().path("data").get(0).path("get_started").path("payload").asText()).isEqualTo("GET_STARTED");
        assertThat(read.json().path("data").get(0).path("whitelisted_domains").get(0).asText())
                .isEqualTo("https://shop.example.com");
        assertThat(read.json().path("data").get(0).has("ice_breakers")).isFalse();

        Answer deleted = delete(Map.of("fields", List.of("greeting")));
        assertThat(deleted.json().path("result").asText()).isEqualTo("success");
        assertThat(http.get(PROFILE + "&fields=greeting").json().path("data")).isEmpty();
        assertThat(http.get(PROFILE).errorMessage()).contains("fields is required");
    }

    @Test
    void metaLimitsAreRefusedAndChangeNothing() {
        assertRefused(Map.of("greeting", List.of(Map.of("locale", "default", "text", "x".repeat(161)))), 0,
                "greeting.text must have 160 or fewer");
        assertRefused(Map.of("greeting", List.of(Map.of("locale", "en_US", "text", "Hi"))), 0, "default locale");
        assertRefused(Map.of("ice_breakers", List.of(Map.of("locale", "default", "call_to_actions",
                IntStream.range(0, 5).mapToObj(i -> Map.of("question", "q" + i, "payload", "P" + i)).toList()))), 0,
                "1 to 4 questions");
        assertRefused(Map.of("ice_breakers", List.of(Map.of("question", "q", "payload", "P"),
                Map.of("locale", "default", "call_to_actions", List.of(Map.of("question", "q", "payload", "P"))))), 0,
                "mixes the old and the new format");
        assertRefused(Map.of("persistent_menu", List.of(Map.of("locale", "default", "call_to_actions",
                List.of(Map.of("type", "postback", "title", "Help", "payload", "HELP"))))), 2018145,
                "You must set a Get Started button");
        assertRefused(Map.of("get_started", Map.of("payload", "G"), "persistent_menu", List.of(Map.of("locale",
                "default", "call_to_actions", List.of(Map.of("type", "postback", "title", "t".repeat(31),
                        "payload", "HELP"))))), 0, "30 or fewer");
        assertRefused(Map.of("whitelisted_domains", List.of("http://shop.example.com")), 0, "https");
        assertRefused(Map.of("whitelisted_domains", List.of("https://127.0.0.1")), 0, "fully qualified");
        assertRefused(Map.of("whitelisted_domains", IntStream.range(0, 51)
                .mapToObj(i -> "https://d" + i + ".example.com").toList()), 0, "up to 50");
        assertRefused(Map.of("get_started", Map.of("payload", "p".repeat(1001))), 0, "1000 or fewer");
        assertRefused(Map.of("account_linking_url", "http://login.example.com"), 0, "https");
        assertRefused(Map.of("colour", "blue"), 0, "not a settable");
        assertThat(emulator.messengerProfile(PAGE)).isEqualTo("{}");
    }

    @Test
    void aMenuNeedsGetStartedWhichCannotGoFirst() {
        assertThat(http.post(PROFILE, Map.of("get_started", Map.of("payload", "G"), "persistent_menu", List.of(
                Map.of("locale", "default", "composer_input_disabled", false, "call_to_actions", List.of(
                        Map.of("type", "web_url", "title", "Site", "url", "https://shop.example.com/"))))))
                .status()).isEqualTo(200);
        Answer refused = delete(Map.of("fields", List.of("get_started")));
        assertThat(refused.errorSubcode()).isEqualTo(2018145);
        assertThat(delete(Map.of("fields", List.of("get_started", "persistent_menu"))).status()).isEqualTo(200);
    }

    @Test
    void tenCallsPerTenMinutesPerPage() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.get(PROFILE + "&fields=greeting").status()).isEqualTo(200);
        }
        Answer limited = http.post(PROFILE, Map.of("get_started", Map.of("payload", "G")));
        assertThat(limited.errorCode()).isEqualTo(613);
        assertThat(limited.errorMessage()).contains("10 calls per 10 minutes");
        assertThat(emulator.messengerProfile(PAGE)).isEqualTo("{}");
        emulator.advanceClock(Duration.ofMinutes(10));
        assertThat(http.post(PROFILE, Map.of("get_started", Map.of("payload", "G"))).status()).isEqualTo(200);
    }

    @Test
    void aNewPersonSeesTheWelcomeScreenAndGetStartedSendsTheProfilesPayload() {
        http.post(PROFILE, Map.of("get_started", Map.of("payload", "START_HERE"),
                "greeting", List.of(Map.of("locale", "default", "text", "Welcome!"))));
        Answer welcome = http.get("/_emulator/pages/" + PAGE + "/people/p1/welcome");
        assertThat(welcome.json().path("new_person").asBoolean()).isTrue();
        assertThat(welcome.json().path("shows").asText()).isEqualTo("get_started");
        assertThat(welcome.json().path("greeting").asText()).isEqualTo("Welcome!");
        assertThat(welcome.json().path("get_started").path("payload").asText()).isEqualTo("START_HERE");

        http.post(PROFILE, Map.of("ice_breakers", List.of(Map.of("locale", "default", "call_to_actions",
                List.of(Map.of("question", "Opening hours?", "payload", "HOURS"))))));
        Answer withIceBreakers = http.get("/_emulator/pages/" + PAGE + "/people/p1/welcome");
        assertThat(withIceBreakers.json().path("shows").asText()).as("ice breakers take precedence").isEqualTo("ice_breakers");
        assertThat(withIceBreakers.json().path("ice_breakers").get(0).path("question").asText()).isEqualTo("Opening hours?");
        assertThat(http.get("/_emulator/pages/" + PAGE).json().path("messenger_profile").path("get_started")
                .path("payload").asText()).isEqualTo("START_HERE");

        Answer tapped = http.post("/_emulator/pages/" + PAGE + "/people/p1/ice-breaker", Map.of("question", "Opening hours?"));
        assertThat(tapped.status()).isEqualTo(200);
        assertThat(emulator.conversation(PAGE, "p1").orElseThrow().transcript().get(0).text()).isEqualTo("Opening hours?");
        assertThat(http.get("/_emulator/pages/" + PAGE + "/people/p1/welcome").json().path("new_person").asBoolean())
                .isFalse();
        assertThat(http.post("/_emulator/pages/" + PAGE + "/people/p2/ice-breaker", Map.of("question", "Nope?"))
                .status()).isEqualTo(404);
    }

    @Test
    void instagramNeedsItsPlatformParameter() {
        emulator.registerPage(PageRegistration.messenger("8100", null, List.of(
                AppRegistration.unsubscribed("8101", "IG", "s-8101", "t-8101"))).withPlatform(Platform.INSTAGRAM),
                PageConnection.fresh());
        Answer without = http.post("/v25.0/me/messenger_profile?access_token=t-8101",
                Map.of("ice_breakers", List.of(Map.of("locale", "default", "call_to_actions",
                        List.of(Map.of("question", "Hi?", "payload", "HI"))))));
        assertThat(without.errorMessage()).contains("platform=instagram");
        Answer with = http.post("/v25.0/me/messenger_profile?access_token=t-8101", Map.of("platform", "instagram",
                "ice_breakers", List.of(Map.of("locale", "default", "call_to_actions",
                        List.of(Map.of("question", "Hi?", "payload", "HI"))))));
        assertThat(with.status()).isEqualTo(200);
    }

    /** A refused call still counts against the 10 per 10 minutes: a minute passes between them. */
    private void assertRefused(Map<String, Object> body, int subcode, String message) {
        emulator.advanceClock(Duration.ofSeconds(61));
        Answer answer = http.post(PROFILE, body);
        assertThat(answer.status()).as(body.keySet().toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isIn(100, 11);
        assertThat(answer.errorSubcode()).isEqualTo(subcode);
        assertThat(answer.errorMessage()).contains(message);
    }

    private Answer delete(Map<String, Object> body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + PROFILE))
                    .header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(HttpJson.MAPPER.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
