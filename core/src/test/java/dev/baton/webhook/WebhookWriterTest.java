package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.Attachment;
import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.ReadEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's exact output for batches built in code, as the emulator builds them. */
class WebhookWriterTest {

    private final WebhookWriter writer = new WebhookWriter();
    private final WebhookParser parser = new WebhookParser();

    private static EventHeader from(String user, long timestamp, Channel channel) {
        return new EventHeader("PAGE", user, "PAGE", timestamp, channel);
    }

    private String written(WebhookEvent... events) {
        WebhookBatch batch = new WebhookBatch(Platform.MESSENGER,
                List.of(new WebhookEntry("PAGE", 1700000000000L, List.of(events), List.of())));
        return new String(writer.write(batch), StandardCharsets.US_ASCII);
    }

    private static String batchOf(String entryBody) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE\",\"time\":1700000000000," + entryBody + "}]}";
    }

    @Test
    void groupsEventsIntoMessagingThenStandbyKeepingTheirOrder() {
        String json = written(
                new ReadEvent(from("u1", 2, Channel.STANDBY), 1),
                new MessageEvent(from("u2", 3, Channel.MESSAGING), Message.text("m1", "a")),
                new ReadEvent(from("u3", 4, Channel.STANDBY), 2),
                new DeliveryEvent(from("u4", 5, Channel.MESSAGING), List.of("m0"), 4));

        assertThat(json).isEqualTo(batchOf("\"messaging\":["
                + "{\"sender\":{\"id\":\"u2\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":3,"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"a\"}},"
                + "{\"sender\":{\"id\":\"u4\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":5,"
                + "\"delivery\":{\"mids\":[\"m0\"],\"watermark\":4}}],"
                + "\"standby\":["
                + "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":2,\"read\":{\"watermark\":1}},"
                + "{\"sender\":{\"id\":\"u3\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":4,\"read\":{\"watermark\":2}}]"));
    }

    @Test
    void standbyOnlyEntriesHaveNoMessagingArrayAndEmptyEntriesAnEmptyOne() {
        assertThat(written(new ReadEvent(from("u1", 2, Channel.STANDBY), 1))).doesNotContain("messaging");
        assertThat(written()).isEqualTo(batchOf("\"messaging\":[]"));
    }

    @Test
    void escapesEveryNonAsciiCharacterWithLowercaseHexAsMetaSigns() {
        String json = written(new MessageEvent(from("u1", 1, Channel.MESSAGING),
                Message.text("m1", "\u00e4\u00f6\u00e5 \u00c4 \u20ac \ud83d\ude00 \"q\" \\ /\n\t\u0001\u007f")));

        assertThat(json).contains("\"text\":\"\\u00e4\\u00f6\\u00e5 \\u00c4 \\u20ac \\ud83d\\ude00 \\\"q\\\" \\\\ /"
                + "\\n\\t\\u0001\u007f\"");
    }

    @Test
    void echoesCarryIsEchoAndANumericAppIdFirst() {
        String json = written(new EchoEvent(new EventHeader("PAGE", "PAGE", "u1", 9, Channel.MESSAGING),
                Message.text("m9", "hi"), "263902037430900", "meta"));

        assertThat(json).contains("{\"sender\":{\"id\":\"PAGE\"},\"recipient\":{\"id\":\"u1\"},\"timestamp\":9,"
                + "\"message\":{\"is_echo\":true,\"app_id\":263902037430900,\"metadata\":\"meta\","
                + "\"mid\":\"m9\",\"text\":\"hi\"}}");
    }

    @Test
    void nonNumericEchoAppIdStaysAString() throws Exception {
        byte[] body = written(new EchoEvent(new EventHeader("PAGE", "PAGE", "u1", 9, Channel.MESSAGING),
                Message.text("m9", "hi"), "0123", null)).getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\"app_id\":\"0123\"");
        assertThat(((EchoEvent) parser.parse(body).events().get(0)).appId()).isEqualTo("0123");
    }

    @Test
    void handoversWriteAppIdsAsStringsAndAnIdlePreviousOwnerAsNull() {
        String json = written(new HandoverEvent.PassThreadControl(from("u1", 1, Channel.MESSAGING), null, "42", null),
                new HandoverEvent.TakeThreadControl(from("u1", 2, Channel.STANDBY), "42", "263902037430900", "m"));

        assertThat(json).contains("\"pass_thread_control\":{\"previous_owner_app_id\":null,\"new_owner_app_id\":\"42\"}")
                .contains("\"take_thread_control\":{\"previous_owner_app_id\":\"42\","
                        + "\"new_owner_app_id\":\"263902037430900\",\"metadata\":\"m\"}");
    }

    @Test
    void attachmentsBuiltInCodeGetMetasShape() throws Exception {
        Message message = new Message("m1", null, null, List.of(
                new Attachment("image", Attachment.Kind.IMAGE, "https://x/i.png", null, null, null),
                new Attachment("image", Attachment.Kind.IMAGE, "https://x/s.png", null, "369239263222822", null),
                new Attachment("fallback", Attachment.Kind.FALLBACK, "https://x", "Link", null, null)),
                new Message.ReplyTo("m0", false), null);
        WebhookEvent event = new MessageEvent(from("u1", 1, Channel.MESSAGING), message);
        String json = written(event);

        assertThat(json).contains("\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"https://x/i.png\"}},"
                + "{\"type\":\"image\",\"payload\":{\"url\":\"https://x/s.png\",\"sticker_id\":369239263222822}},"
                + "{\"type\":\"fallback\",\"title\":\"Link\",\"url\":\"https://x\"}],\"reply_to\":{\"mid\":\"m0\"}");
        MessageEvent back = (MessageEvent) parser.parse(json.getBytes(StandardCharsets.US_ASCII)).events().get(0);
        assertThat(back.message().attachments()).extracting(Attachment::url, Attachment::stickerId, Attachment::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://x/i.png", null, null),
                        org.assertj.core.groups.Tuple.tuple("https://x/s.png", "369239263222822", null),
                        org.assertj.core.groups.Tuple.tuple("https://x", null, "Link"));
    }

    @Test
    void optinsBuiltFromFieldsAndUnknownEventsFromRawJson() throws Exception {
        String json = written(
                new OptinEvent(new EventHeader("PAGE", "", "PAGE", 3, Channel.MESSAGING), null, "r", "ur", null, null),
                new UnknownEvent(from("u1", 4, Channel.MESSAGING), "{\"timestamp\":4,\"x\":\"\u00e9\",\"n\":1.50}"));

        assertThat(json).contains("{\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":3,\"optin\":{\"ref\":\"r\",\"user_ref\":\"ur\"}}")
                .contains("{\"timestamp\":4,\"x\":\"\\u00e9\",\"n\":1.50}");
    }

    @Test
    void hopContextIsWrittenWithNumericAppIds() {
        WebhookBatch batch = new WebhookBatch(Platform.INSTAGRAM, List.of(new WebhookEntry("IG", 5, List.of(),
                List.of(new WebhookEntry.HopContext("2262510160704936", "lead")))));

        assertThat(new String(writer.write(batch), StandardCharsets.US_ASCII)).isEqualTo("{\"object\":\"instagram\","
                + "\"entry\":[{\"id\":\"IG\",\"time\":5,\"messaging\":[],"
                + "\"hop_context\":[{\"app_id\":2262510160704936,\"metadata\":\"lead\"}]}]}");
    }

    @Test
    void brokenRawJsonIsRejectedWithoutRepeatingIt() {
        EventHeader header = from("u1", 1, Channel.MESSAGING);

        assertThatThrownBy(() -> written(new UnknownEvent(header, "{\"secret-ish\":")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UnknownEvent.rawJson is not valid JSON");
        assertThatThrownBy(() -> written(new UnknownEvent(header, "[1,2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UnknownEvent.rawJson is not a JSON object");
        assertThatThrownBy(() -> written(new MessageEvent(header, new Message("m", null, null, List.of(
                new Attachment("image", Attachment.Kind.IMAGE, null, null, null, "nope")), null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attachment.payloadJson is not valid JSON");
    }
}
