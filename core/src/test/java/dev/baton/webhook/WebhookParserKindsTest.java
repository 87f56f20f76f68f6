package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Attachment;
import dev.baton.event.Attachment.Kind;
import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event kind of platform-facts.md §1, in one two-entry Messenger batch and one Instagram batch. */
class WebhookParserKindsTest {

    private static WebhookBatch messenger;
    private static List<WebhookEvent> events;

    @BeforeAll
    static void parse() throws Exception {
        messenger = new WebhookParser().parse(Fixtures.bytes("messenger-every-kind.json"));
        events = messenger.events();
    }

    private static EventHeader header(long timestamp) {
        return new EventHeader("111", "u1", "111", timestamp, Channel.MESSAGING);
    }

    @Test
    void everyEventOfEveryEntryIsKeptInOrderMessagingBeforeStandby() {
        assertThat(messenger.entries()).hasSize(2);
        assertThat(messenger.entries().get(0).events()).hasSize(25);
        assertThat(events).hasSize(26);
        assertThat(events).extracting(WebhookEvent::kind).containsExactly(
                "message", "message", "referral", "referral", "referral", "referral", "postback",
                "pass_thread_control", "take_thread_control", "request_thread_control", "app_roles", "read",
                "delivery", "delivery", "reaction", "reaction", "optin", "optin", "unknown", "unknown", "echo",
                "message", "postback", "read", "delivery", "message");
        assertThat(events.subList(0, 21)).allMatch(event -> event.channel() == Channel.MESSAGING);
        assertThat(events.subList(21, 26)).allMatch(event -> event.channel() == Channel.STANDBY);
        assertThat(messenger.entries().get(1).pageId()).as("a numeric page id").isEqualTo("222");
        assertThat(events.get(25).conversation()).isEqualTo(new ConversationKey("222", "u3"));
    }

    @Test
    void textMessageWithQuickReplyReplyToAndUnicodeIgnoringUnknownFields() {
        assertThat(Fixtures.withoutRaw(events.get(0)))
                .isEqualTo(new MessageEvent(header(1700000000001L), new Message("m.text",
                "Hi \u00e4\ud83d\ude00", "QR_YES", List.of(), new Message.ReplyTo("m.before", true), null)));
    }

    @Test
    void attachmentsOfEveryListedType() {
        List<Attachment> attachments = ((MessageEvent) events.get(1)).message().attachments();

        assertThat(attachments).extracting(Attachment::kind).containsExactly(Kind.AUDIO, Kind.FILE, Kind.IMAGE,
                Kind.IMAGE, Kind.STICKER, Kind.VIDEO, Kind.FALLBACK, Kind.REEL, Kind.IG_REEL, Kind.POST,
                Kind.IG_POST, Kind.APPOINTMENT_BOOKING, Kind.TEMPLATE, Kind.LOCATION, Kind.OTHER);
        assertThat(attachments.get(0)).isEqualTo(new Attachment("audio", Kind.AUDIO, "https://cdn.example/a.mp4",
                null, null, "{\"url\":\"https://cdn.example/a.mp4\"}"));
        assertThat(attachments.get(3).stickerId()).as("numeric sticker id").isEqualTo("369239263222822");
        assertThat(attachments.get(4).stickerId()).as("string sticker id").isEqualTo("369239263222822");
        assertThat(attachments.get(6)).isEqualTo(new Attachment("fallback", Kind.FALLBACK,
                "https://example.com/page", "A shared link", null, null));
        assertThat(attachments.get(8).title()).isEqualTo("Reel title");
        assertThat(attachments.get(10).payloadJson())
                .isEqualTo("{\"url\":\"https://cdn.example/ip\",\"title\":\"Post caption\",\"ig_post_media_id\":\"55\"}");
        assertThat(attachments.get(11).url()).isNull();
        assertThat(attachments.get(12).payloadJson()).as("decimals are kept as written")
                .isEqualTo("{\"product\":{\"elements\":[{\"id\":\"p1\",\"retailer_id\":\"r1\",\"title\":\"Shoe\","
                        + "\"price\":12.50}]}}");
        assertThat(attachments.get(14).type()).as("an unknown type is kept as sent").isEqualTo("hologram");
    }

    @Test
    void referralsFromAdsLinksLeadAdsAndUnknownSources() {
        assertThat(Fixtures.withoutRaw(events.get(2)))
                .isEqualTo(new ReferralEvent(header(1700000000003L), new Referral("ADS",
                "OPEN_THREAD", "summer-sale", "6045246247433", null, new Referral.AdsContext("Summer",
                        "https://cdn.example/ad.png", null, "111_222", "1234", "flow-9"))));
        Referral link = ((ReferralEvent) events.get(3)).referral();
        assertThat(link).isEqualTo(new Referral("SHORTLINK", "OPEN_THREAD", "from-link", null,
                "https://m.me/111?ref=from-link", null));
        assertThat(link.isShortlink()).isTrue();
        Referral lead = ((ReferralEvent) events.get(4)).referral();
        assertThat(lead.isLeadAd()).isTrue();
        assertThat(lead.type()).isEqualTo("LEAD_COMPLETE");
        Referral plugin = ((ReferralEvent) events.get(5)).referral();
        assertThat(plugin.source()).isEqualTo("CUSTOMER_CHAT_PLUGIN");
        assertThat(plugin.isAd() || plugin.isShortlink() || plugin.isLeadAd()).isFalse();
    }

    @Test
    void postbacksWithAndWithoutPayload() {
        assertThat(Fixtures.withoutRaw(events.get(6)))
                .isEqualTo(new PostbackEvent(header(1700000000007L), "m.pb", "Talk to a human",
                "HUMAN", new Referral("ADS", "OPEN_THREAD", "r", null, null, null)));
        PostbackEvent standby = (PostbackEvent) events.get(22);
        assertThat(standby.payload()).as("standby postbacks come without payload").isNull();
        assertThat(standby.title()).isEqualTo("Get Started");
    }

    @Test
    void handoversWithStringNumericAndNullAppIds() {
        assertThat(Fixtures.withoutRaw(events.get(7)))
                .isEqualTo(new HandoverEvent.PassThreadControl(header(1700000000008L), null,
                "2262510160704936", "from idle"));
        assertThat(Fixtures.withoutRaw(events.get(8)))
                .isEqualTo(new HandoverEvent.TakeThreadControl(header(1700000000009L),
                "2262510160704936", "263902037430900", null));
        assertThat(Fixtures.withoutRaw(events.get(9)))
                .isEqualTo(new HandoverEvent.RequestThreadControl(header(1700000000010L),
                "123456789", "please"));
        assertThat(Fixtures.withoutRaw(events.get(10)))
                .isEqualTo(new HandoverEvent.AppRoles(header(1700000000011L), Map.of(
                "123456789", List.of("primary_receiver"), "263902037430900", List.of("secondary_receiver"))));
    }

    @Test
    void readsDeliveriesAndReactions() {
        assertThat(Fixtures.withoutRaw(events.get(11)))
                .isEqualTo(new ReadEvent(header(1700000000012L), 1700000000000L));
        assertThat(Fixtures.withoutRaw(events.get(12)))
                .isEqualTo(
                new DeliveryEvent(header(1700000000013L), List.of("m.a", "m.b"), 1700000000010L));
        assertThat(Fixtures.withoutRaw(events.get(13))).as("mids may be absent")
                .isEqualTo(new DeliveryEvent(header(1700000000014L), List.of(), 1700000000011L));
        assertThat(Fixtures.withoutRaw(events.get(14)))
                .isEqualTo(
                new ReactionEvent(header(1700000000015L), "m.text", "react", "love", "\u2764"));
        assertThat(((ReactionEvent) events.get(15)).isUnreact()).isTrue();
    }

    @Test
    void optinsKeepTheirRawObjectAndMayComeWithoutSender() {
        OptinEvent notifications = (OptinEvent) events.get(16);
        assertThat(notifications.type()).isEqualTo("notification_messages");
        assertThat(notifications.payload()).isEqualTo("DEALS");
        assertThat(notifications.optinJson()).contains("\"token_expiry_timestamp\":1800000000000");
        OptinEvent checkbox = (OptinEvent) events.get(17);
        assertThat(checkbox.header().withRaw(dev.baton.event.RawJson.NONE)).isEqualTo(new EventHeader("111", "", "111", 1700000000018L, Channel.MESSAGING));
        assertThat(checkbox.userRef()).isEqualTo("ur-42");
        assertThat(checkbox.ref()).isEqualTo("checkout");
    }

    @Test
    void unknownKindsKeepTheirWholeJsonAndALenientHeader() {
        assertThat(Fixtures.withoutRaw(events.get(18)))
                .isEqualTo(Fixtures.withoutRaw(new UnknownEvent(header(1700000000019L),
                "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":1700000000019,"
                        + "\"game_play\":{\"game_id\":\"g1\",\"score\":1.10}}")));
        assertThat(Fixtures.withoutRaw(events.get(19)))
                .isEqualTo(Fixtures.withoutRaw(new UnknownEvent(
                new EventHeader("111", "", "", 1700000000020L, Channel.MESSAGING),
                "{\"timestamp\":1700000000020,\"account_linking\":{\"status\":\"linked\"}}")));
        assertThat(events.get(18).raw().text()).as("exactly as sent: 1.10 stays 1.10")
                .isEqualTo("{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},"
                        + "\"timestamp\":1700000000019,\"game_play\":{\"game_id\":\"g1\",\"score\":1.10}}");
    }

    @Test
    void echoesComeFromThePageAndBelongToTheRecipientsConversation() {
        EchoEvent echo = (EchoEvent) events.get(20);
        assertThat(echo.appId()).isEqualTo("263902037430900");
        assertThat(echo.metadata()).isNull();
        assertThat(echo.message().attachments()).extracting(Attachment::kind).containsExactly(Kind.IMAGE);
        assertThat(echo.conversation()).isEqualTo(new ConversationKey("111", "u1"));
    }

    @Test
    void instagramEchoesReadsReferralsAndUnsends() throws Exception {
        WebhookBatch batch = new WebhookParser().parse(Fixtures.bytes("instagram-every-kind.json"));
        List<WebhookEvent> ig = batch.events();
        String account = "17841400000000000";

        assertThat(batch.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(ig).extracting(WebhookEvent::kind)
                .containsExactly("message", "echo", "read", "referral", "unsend", "pass_thread_control");
        assertThat(((MessageEvent) ig.get(0)).message().text()).isEqualTo("Hej \u00e5");
        EchoEvent echo = (EchoEvent) ig.get(1);
        assertThat(echo.appId()).isNull();
        assertThat(echo.conversation()).isEqualTo(new ConversationKey(account, "igsid-1"));
        assertThat(Fixtures.withoutRaw(ig.get(2))).as("messaging_seen has no watermark: the read's time stands in")
                .isEqualTo(new ReadEvent(new EventHeader(account, "igsid-1", account, 1700000000003L,
                        Channel.MESSAGING), 1700000000003L));
        assertThat(((ReferralEvent) ig.get(3)).referral().isShortlink()).isTrue();
        assertThat(ig.get(4)).as("an unsend is not a new message").isInstanceOf(dev.baton.event.UnsendEvent.class);
        assertThat(ig.get(4).raw().text()).contains("\"is_deleted\":true");
        assertThat(((HandoverEvent.PassThreadControl) ig.get(5)).previousOwnerAppId()).isEqualTo("1217981644879628");
    }

    @Test
    void messengerReadsWithoutWatermarkAreUntypedNotRefused() throws Exception {
        UnknownEvent read = (UnknownEvent) new WebhookParser().parse(
                Fixtures.messaging(Fixtures.event("\"read\":{\"mid\":\"m1\"}"))).events().get(0);
        assertThat(read.untypedReason()).isEqualTo("MISSING_FIELD entry[0].messaging[0].read.watermark");
    }

    @Test
    void emptyEntriesAndEntriesWithoutEventsAreFine() throws Exception {
        WebhookParser parser = new WebhookParser();

        assertThat(parser.parse(Fixtures.utf8("{\"object\":\"page\",\"entry\":[]}")).entries()).isEmpty();
        WebhookBatch bare = parser.parse(Fixtures.utf8("{\"entry\":[{\"id\":\"1\"}],\"object\":\"instagram\"}"));
        assertThat(bare.entries().get(0).events()).isEmpty();
        assertThat(bare.entries().get(0).time()).isZero();
    }
}
