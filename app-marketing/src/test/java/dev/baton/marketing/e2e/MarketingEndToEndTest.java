package dev.baton.marketing.e2e;

import static dev.baton.marketing.e2e.MarketingPages.DEFAULT;
import static dev.baton.marketing.e2e.MarketingPages.DEFAULT_APP_ID;
import static dev.baton.marketing.e2e.MarketingPages.MARKETING;
import static dev.baton.marketing.e2e.MarketingPages.PRICES;
import static dev.baton.marketing.e2e.MarketingPages.QUOTE;
import static dev.baton.marketing.e2e.MarketingPages.TALK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.AdClick;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.event.Platform;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each outcome of the marketing flow, through the emulator, the Jetty transport and the real Graph client. */
class MarketingEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WELCOME = "Hi! Our spring sale is on. What would you like to do?";

    @TempDir
    Path dir;

    private PageFixture page;

    private PageFixture start() {
        page = MarketingPages.page(MarketingPages.marketing(dir.resolve("leads.jsonl"))).start();
        return page;
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.awaitQuiet();
            assertThat(page.graphCalls().refusedAsNotOwner(MarketingPages.MARKETING_APP_ID)).isEmpty();
            assertThat(page.handlerFailures(MARKETING)).isZero();
            page.close();
        }
    }

    @Test
    void anAnswerChoiceAnswersThenReleasesWithoutAWebhook() {
        FixturePerson person = start().person("8001");

        person.tapAd("ad-spring-1", MARKETING);
        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME);
        assertThat(person.isOwnedBy(MARKETING)).isTrue();

        person.quickReply("See prices", PRICES);

        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME, "Everything is 20% off until May 31.");
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        page.awaitQuiet();
        assertThat(bodiesTo(DEFAULT)).noneMatch(body -> body.contains("pass_thread_control"));
        assertThat(finished("released")).isEqualTo(1.0);
    }

    @Test
    void aLeadChoiceCollectsAValidatedEmailThenReleases() throws Exception {
        FixturePerson person = start().person("8002");
        person.tapAd("ad-spring-1", MARKETING);

        person.quickReply("Get a quote", QUOTE);
        person.text("jane at example");
        person.text("Jane@Example.com");

        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME, "What's your email address?",
                "That doesn't look like an email address. Could you check it?", "Thanks! Your quote is on its way.");
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        List<String> lines = Files.readAllLines(dir.resolve("leads.jsonl"));
        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode lead = JSON.readTree(line);
            assertThat(lead.get("contact").asText()).isEqualTo("jane@example.com");
            assertThat(lead.get("campaign").asText()).isEqualTo("spring-sale");
            assertThat(lead.get("ad_id").asText()).isEqualTo("ad-spring-1");
            assertThat(lead.get("user_id").asText()).isEqualTo("8002");
            assertThat(lead.get("page_id").asText()).isEqualTo(page.pageId());
        });
        assertThat(finished("lead")).isEqualTo(1.0);
    }

    @Test
    void aLeadThatStaysInvalidIsPassedToTheDefaultApp() throws Exception {
        FixturePerson person = start().person("8003");
        person.tapAd("ad-spring-1", MARKETING);
        person.quickReply("Get a quote", QUOTE);
        person.text("nope");
        person.text("still nope");

        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        assertThat(passMetadataTo(DEFAULT).get("why").asText()).isEqualTo("lead-invalid");
        assertThat(Files.exists(dir.resolve("leads.jsonl")) ? Files.readAllLines(dir.resolve("leads.jsonl")) : List.of())
                .isEmpty();
    }

    @Test
    void aPassChoicePassesToTheDefaultAppWithWhatWasLearned() throws Exception {
        FixturePerson person = start().person("8004");
        person.tapAd("ad-spring-1", MARKETING);

        person.quickReply("Talk to us", TALK);

        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME, "Connecting you with our team.");
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        JsonNode metadata = passMetadataTo(DEFAULT);
        assertThat(metadata.get("why").asText()).isEqualTo("chose-pass");
        assertThat(metadata.get("campaign").asText()).isEqualTo("spring-sale");
        assertThat(metadata.get("ad_id").asText()).isEqualTo("ad-spring-1");
        assertThat(metadata.get("choice").asText()).isEqualTo("talk");
        assertThat(finished("passed")).isEqualTo(1.0);
    }

    @Test
    void stopAsTheFirstMessagePassesAtOnce() throws Exception {
        FixturePerson person = start().person("8005");

        person.adClick(AdClick.of("ad-spring-1", MarketingPages.MARKETING_APP_ID).withText("STOP"));

        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        assertThat(passMetadataTo(DEFAULT).get("why").asText()).isEqualTo("keyword");
    }

    @Test
    void agentMidFlowPassesAtOnce() throws Exception {
        FixturePerson person = start().person("8006");
        person.tapAd("ad-spring-1", MARKETING);
        person.quickReply("Get a quote", QUOTE);

        person.text("agent");

        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME, "What's your email address?");
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        JsonNode metadata = passMetadataTo(DEFAULT);
        assertThat(metadata.get("why").asText()).isEqualTo("keyword");
        assertThat(metadata.get("choice").asText()).isEqualTo("quote");
    }

    @Test
    void theCompletionDeadlineReleasesAQuietConversation() {
        FixturePerson person = start().person("8007");
        person.tapAd("ad-spring-1", MARKETING);

        page.advanceClock(Duration.ofMinutes(29));
        assertThat(person.isOwnedBy(MARKETING)).isTrue();
        page.advanceClock(Duration.ofMinutes(2));

        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME);
        assertThat(finished("timed-out")).isEqualTo(1.0);
    }

    @Test
    void theDeadlineCountsFromThePersonsLastMessage() {
        FixturePerson person = start().person("8008");
        person.tapAd("ad-spring-1", MARKETING);
        page.advanceClock(Duration.ofMinutes(20));
        person.quickReply("Get a quote", QUOTE);

        page.advanceClock(Duration.ofMinutes(20));
        assertThat(person.isOwnedBy(MARKETING)).as("40 minutes after the tap, 20 after the last message").isTrue();
        page.advanceClock(Duration.ofMinutes(11));

        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        assertThat(finished("timed-out")).isEqualTo(1.0);
    }

    @Test
    void anAdNoCampaignKnowsIsPassedOnWithoutAWord() throws Exception {
        FixturePerson person = start().person("8009");

        person.tapAd("ad-unknown", MARKETING);

        assertThat(person.textsFrom(MARKETING)).isEmpty();
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
        assertThat(passMetadataTo(DEFAULT).get("why").asText()).isEqualTo("no-campaign");
    }

    @Test
    void theSameFlowRunsOnInstagram() {
        page = MarketingPages.page(MarketingPages.marketing()).platform(Platform.INSTAGRAM).start();
        FixturePerson person = page.person("8012");

        person.tapAd("ad-spring-1", MARKETING);
        person.quickReply("See prices", PRICES);

        assertThat(person.textsFrom(MARKETING)).containsExactly(WELCOME, "Everything is 20% off until May 31.");
        assertThat(person.owner()).isEqualTo(DEFAULT_APP_ID);
    }

    @Test
    void metricsArePerCampaignAndNeverCarryAPersonsId() {
        start();
        page.person("8010").tapAd("ad-spring-1", MARKETING);
        page.person("8010").quickReply("See prices", PRICES);
        page.person("8011").tapAd("ad-spring-1", MARKETING);
        page.person("8011").quickReply("Talk to us", TALK);

        assertThat(page.registry().get("baton.marketing.conversations.started").tag("campaign", "spring-sale")
                .counter().count()).isEqualTo(2.0);
        assertThat(page.registry().getMeters()).flatExtracting(meter -> meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("8010") || tag.getValue().contains("8011"));
    }

    private double finished(String outcome) {
        return page.registry().find("baton.marketing.conversations.finished").tag("outcome", outcome).counters()
                .stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private List<String> bodiesTo(String appName) {
        return page.deliveries(appName).stream().map(DeliveryRecord::body).toList();
    }

    /** The metadata of the (single) pass_thread_control webhook the app got (it arrives after the pass call). */
    private JsonNode passMetadataTo(String appName) throws Exception {
        page.awaitUntil("a pass_thread_control webhook to " + appName,
                () -> bodiesTo(appName).stream().anyMatch(body -> body.contains("pass_thread_control")));
        page.awaitQuiet();
        List<JsonNode> passes = new java.util.ArrayList<>();
        for (String body : bodiesTo(appName)) {
            for (JsonNode entry : JSON.readTree(body).path("entry")) {
                for (JsonNode event : entry.path("messaging")) {
                    if (event.has("pass_thread_control")) {
                        passes.add(event.get("pass_thread_control"));
                    }
                }
            }
        }
        assertThat(passes).as("pass_thread_control webhooks to %s", appName).hasSize(1);
        return JSON.readTree(passes.get(0).get("metadata").asText());
    }
}
