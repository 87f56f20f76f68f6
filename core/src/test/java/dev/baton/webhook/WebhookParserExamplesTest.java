package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.Referral;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every webhook example of platform-facts.md §5 (A-F), fixed up as the fixtures' README says. */
class WebhookParserExamplesTest {

    private final WebhookParser parser = new WebhookParser();

    @Test
    void a_clickToMessengerAdMessageKeepsTheWholeReferral() throws Exception {
        WebhookBatch batch = parser.parse(Fixtures.bytes("a-ctm-message-referral.json"));

        assertThat(batch.platform()).isEqualTo(Platform.MESSENGER);
        MessageEvent event = (MessageEvent) batch.events().get(0);
        assertThat(event.header().withRaw(dev.baton.event.RawJson.NONE)).isEqualTo(
                new EventHeader("<PAGE_ID>", "<PSID>", "<PAGE_ID>", 1458692752478L, Channel.MESSAGING));
        assertThat(event.message().mid()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
        assertThat(event.message().text()).isEqualTo("hello, world!");
        assertThat(event.message().referral()).isEqualTo(new Referral("ADS", "OPEN_THREAD",
                "<REF_DATA_IF_SPECIFIED_IN_THE_AD>", "<ID_OF_THE_AD>", null, new Referral.AdsContext(
                        "<TITLE_OF_THE_AD>", "<URL_OF_THE_IMAGE_FROM_AD_THE_USER_IS_INTERESTED_IN>",
                        "<THUMBNAIL_URL_OF_THE_VIDEO_FROM_THE_AD>", "<ID_OF_THE_POST>", "<PRODUCT_ID>",
                        "<ID_OF_THE_PARTNER_APP_WELCOME_MESSAGE_FLOW>")));
        assertThat(event.message().referral().isAd()).isTrue();
        assertThat(event.conversation()).isEqualTo(new ConversationKey("<PAGE_ID>", "<PSID>"));
    }

    @Test
    void b_getStartedPostbackFromAnMeLinkHasNoMidOrTitle() throws Exception {
        PostbackEvent event = (PostbackEvent) parser.parse(Fixtures.bytes("b-get-started-postback.json"))
                .events().get(0);

        assertThat(event.payload()).isEqualTo("POSTBACK-PAYLOAD-YOU-CONFIGURED");
        assertThat(event.mid()).isNull();
        assertThat(event.title()).isNull();
        assertThat(event.referral()).isEqualTo(
                new Referral("SHORTLINK", "OPEN_THREAD", "REF-PARAMETER-INFORMATION", null, null, null));
        assertThat(event.referral().isShortlink()).isTrue();
    }

    @Test
    void c_leadgenPassWithNumericAppIdsAndHopContext() throws Exception {
        WebhookBatch batch = parser.parse(Fixtures.bytes("c-leadgen-pass-thread-control.json"));

        WebhookEntry entry = batch.entries().get(0);
        assertThat(entry.pageId()).isEqualTo("104508901353867");
        assertThat(entry.time()).isEqualTo(1662056205364L);
        assertThat(entry.hopContext()).containsExactly(
                new WebhookEntry.HopContext("2262510160704936", "messenger_lead_gen_complete"));
        assertThat(Fixtures.withoutRaw(entry.events())).containsExactly(new HandoverEvent.PassThreadControl(
                new EventHeader("104508901353867", "5794982867201265", "542998526103632", 1662056205364L,
                        Channel.MESSAGING),
                "413038776280800", "2262510160704936", "messenger_lead_gen_complete"));
    }

    @Test
    void d_takeThreadControlWithStringAppIds() throws Exception {
        assertThat(Fixtures.withoutRaw(parser.parse(Fixtures.bytes("d-take-thread-control.json")).events())).containsExactly(
                new HandoverEvent.TakeThreadControl(
                        new EventHeader("ID", "ID", "ID", 1700000000000L, Channel.MESSAGING),
                        "PREVIOUS-OWNER-APP-ID", "NEW-OWNER-APP-ID", "Information about the conversation"));
    }

    @Test
    void e_requestThreadControlOnInstagram() throws Exception {
        WebhookBatch batch = parser.parse(Fixtures.bytes("e-request-thread-control.json"));

        assertThat(batch.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(Fixtures.withoutRaw(batch.events())).containsExactly(new HandoverEvent.RequestThreadControl(
                new EventHeader("BusinessId", "IGSID", "BusinessId", 1700000000000L, Channel.MESSAGING),
                "APP-ASKING-FOR-THREAD-CONTROL", "Information about the conversation"));
    }

    @Test
    void f_standbyEventsAreMarkedAsStandby() throws Exception {
        MessageEvent event = (MessageEvent) parser.parse(Fixtures.bytes("f-standby-envelope.json")).events().get(0);

        assertThat(event.channel()).isEqualTo(Channel.STANDBY);
        assertThat(event.message().text()).isEqualTo("hello from standby");
        assertThat(event.conversation()).isEqualTo(new ConversationKey("<PAGE_ID>", "<USER_ID>"));
    }

    @Test
    void f_echoCarriesAppIdAndMetadataAndIsKeyedByItsRecipient() throws Exception {
        EchoEvent echo = (EchoEvent) parser.parse(Fixtures.bytes("f-echo.json")).events().get(0);

        assertThat(echo.appId()).isEqualTo("1517776481860111");
        assertThat(echo.metadata()).isEqualTo("<DEVELOPER_DEFINED_METADATA_STRING>");
        assertThat(echo.message().mid()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
        assertThat(echo.message().text()).isEqualTo("hello, world!");
        assertThat(echo.message().attachments()).isEqualTo(List.of());
        assertThat(echo.conversation()).isEqualTo(new ConversationKey("<PAGE_ID>", "<PSID>"));
    }
}
