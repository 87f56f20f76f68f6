package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.baton.webhook.WebhookParseException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What cannot be a webhook (not strict UTF-8 JSON, not an object, no {@code entry} array) gives a
 * {@link WebhookParseException} with the right reason (and path where one is known), a short message, and
 * nothing else: no other exception, no partial batch. Shape problems inside events are not refusals: see
 * {@link OneBadEventTest}.
 */
class WebhookParserRefusalTest {

    private static final WebhookParser PARSER = new WebhookParser();
    private static final String VALID = new String(Fixtures.bytes("typed-fields.json"), StandardCharsets.UTF_8);

    /** Parses {@code body}, expecting rejection; answers the exception after checking its message is tame. */
    static WebhookParseException rejected(byte[] body) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(body));
        assertThat(thrown).as("a typed parse error").isExactlyInstanceOf(WebhookParseException.class);
        WebhookParseException error = (WebhookParseException) thrown;
        assertThat(error.getMessage()).hasSizeLessThan(600).doesNotContainPattern("\\p{Cntrl}")
                .startsWith(error.reason().name());
        return error;
    }

    static void assertRejected(byte[] body, Reason reason, String path) {
        WebhookParseException error = rejected(body);
        assertThat(error.reason()).as(error.getMessage()).isEqualTo(reason);
        if (path != null) {
            assertThat(error.path()).as(error.getMessage()).isEqualTo(path);
        }
    }

    @Test
    void everyTruncationOfAValidBatchIsRejected() {
        byte[] valid = Fixtures.utf8(VALID.strip());
        assertRejected(new byte[0], Reason.EMPTY_BODY, "");
        for (int length = 1; length < valid.length; length++) {
            byte[] cut = Arrays.copyOf(valid, length);
            Reason reason = rejected(cut).reason();
            assertThat(reason).as("cut at %d", length).isEqualTo(Reason.MALFORMED_JSON);
        }
    }

    @Test
    void everyTruncationInsideMultiByteCharactersIsRejected() {
        byte[] valid = Fixtures.messaging(Fixtures.event("\"message\":{\"mid\":\"m\",\"text\":\"äöå € 😀 日本\"}"));
        for (int length = 1; length < valid.length; length++) {
            byte[] cut = Arrays.copyOf(valid, length);
            assertThat(rejected(cut).reason()).as("cut at %d", length)
                    .isIn(Reason.MALFORMED_JSON, Reason.INVALID_ENCODING);
        }
    }

    static Stream<byte[]> invalidUtf8() {
        int[][] sequences = {{0xff}, {0xfe}, {0x80}, {0xbf}, {0xc3, 0x28}, {0xc0, 0xaf}, {0xc1, 0xbf},
            {0xe0, 0x80, 0xaf}, {0xe0, 0x9f, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf}, {0xe2, 0x82},
            {0xf0, 0x80, 0x80, 0xaf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80},
            {0xf8, 0x88, 0x80, 0x80, 0x80}, {0xc2}, {0xe2, 0x28, 0xa1}, {0xf0, 0x9f, 0x98}};
        List<byte[]> bodies = new ArrayList<>();
        for (int[] sequence : sequences) {
            for (String[] around : new String[][] {{"\"text\":\"a", "b\""}, {"\"x", "\":1"}}) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"u\"},"
                        + "\"recipient\":{\"id\":\"p\"},\"timestamp\":1,\"message\":{" + around[0])
                        .getBytes(StandardCharsets.US_ASCII));
                for (int b : sequence) {
                    body.write(b);
                }
                body.writeBytes((around[1] + "}}]}]}").getBytes(StandardCharsets.US_ASCII));
                bodies.add(body.toByteArray());
            }
        }
        return bodies.stream();
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8InValuesAndNamesIsRejected(byte[] body) {
        assertRejected(body, Reason.INVALID_ENCODING, "");
    }

    @Test
    void utf16AndUtf32BodiesAreRejectedNotGuessed() {
        assertRejected(VALID.getBytes(StandardCharsets.UTF_16BE), Reason.INVALID_ENCODING, "");
        assertRejected(VALID.getBytes(StandardCharsets.UTF_16LE), Reason.INVALID_ENCODING, "");
        assertRejected(VALID.getBytes(java.nio.charset.Charset.forName("UTF-32")), Reason.INVALID_ENCODING, "");
    }

    @Test
    void validFourByteAndBoundaryCharactersAreAccepted() throws Exception {
        String text = "\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff";
        var batch = PARSER.parse(Fixtures.messaging(Fixtures.event("\"message\":{\"text\":\"" + text + "\"}")));
        assertThat(((dev.baton.event.MessageEvent) batch.events().get(0)).message().text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"object\":\"page\",\"entry\":[]}]", "\"page\"", "1", "-1.5e3", "true", "false",
        "null", " [1,2", "\"unterminated"})
    void topLevelNonObjectsAreRejected(String body) {
        assertRejected(Fixtures.utf8(body), Reason.NOT_AN_OBJECT, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\r\n\t  "})
    void emptyBodiesAreRejected(String body) {
        assertRejected(Fixtures.utf8(body), Reason.EMPTY_BODY, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " x", "]", ",", "}", "{\"object\":\"page\"}", " 1", "\"", "null"})
    void anythingAfterTheTopLevelObjectIsRejected(String trailer) {
        assertRejected(Fixtures.utf8(VALID.strip() + trailer), Reason.TRAILING_CONTENT, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'object':'page','entry':[]}",
        "{object:\"page\",\"entry\":[]}",
        "{\"object\":\"page\",\"entry\":[],}",
        "{\"object\":\"page\",\"entry\":[1,]}",
        "{\"object\":\"page\" \"entry\":[]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":01}]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":1,\"time\":NaN}]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":1,\"time\":+1}]}",
        "{\"object\":\"page\",/* c */\"entry\":[]}",
        "{\"object\":\"page\",\"entry\":[]//c\n}",
        "{\"object\":\"pa\tge\",\"entry\":[]}",
        "{\"object\":\"page\\x\",\"entry\":[]}",
        "{\"object\":\"page\\u12\",\"entry\":[]}",
        "{\"object\":\"page\",\"entry\":[}",
        "{\"object\":\"page\",\"entry\":tru}",
        "{\"object\":\"page\",\"entry\":[]]",
        "{\"object\"}",
        "{,}",
        "{\"a\":1 \"b\":2}"})
    void syntaxErrorsAreMalformedJson(String body) {
        assertRejected(Fixtures.utf8(body), Reason.MALFORMED_JSON, null);
    }

    @Test
    void syntaxErrorsNameThePathWhereTheParserStopped() {
        WebhookParseException error = rejected(Fixtures.messaging(Fixtures.event("\"message\":{\"text\":tru}")));
        assertThat(error.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(error.path()).isEqualTo("entry[0].messaging[0].message.text");
        assertThat(error.getMessage()).contains("(at byte ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"object\":\"page\",\"object\":\"instagram\",\"entry\":[]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"id\":\"2\"}]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"a\",\"id\":\"b\"}}]}]}"})
    void duplicateFieldNamesAreRejected(String body) {
        assertRejected(Fixtures.utf8(body), Reason.DUPLICATE_FIELD, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "Page", "PAGE", "", "permissions", "whatsapp_business_account", "page "})
    void objectsOtherThanPageAndInstagramAreAcceptedUnreadButRefusedAsABatch(String object) throws Exception {
        byte[] body = Fixtures.utf8("{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"1\",\"changes\":[]}]}");
        WebhookRead read = PARSER.read(body);
        assertThat(read.batch()).isEmpty();
        assertThat(read.object()).isEqualTo(object);
        assertThat(read.skipped()).extracting(WebhookRead.Skipped::toString).containsExactly("UNKNOWN_OBJECT object");
        assertRejected(body, Reason.UNKNOWN_OBJECT, "object"); // parse() is for callers that need a batch
    }

    @Test
    void deepNestingIsRejectedWithoutOverflowingTheStack() throws Exception {
        // The unknown event's own field nests 95 arrays: 100 levels in all, the limit.
        PARSER.parse(Fixtures.messaging("{\"x\":" + "[".repeat(95) + "]".repeat(95) + "}"));
        assertRejected(Fixtures.messaging("{\"x\":" + "[".repeat(96) + "]".repeat(96) + "}"), Reason.TOO_DEEP, null);
        assertRejected(Fixtures.utf8("{\"x\":" + "[".repeat(1_000_000)), Reason.TOO_DEEP, null);
        assertRejected(Fixtures.utf8("{\"x\":" + "{\"a\":".repeat(200_000)), Reason.TOO_DEEP, null);
    }

    @Test
    void hugeStringsNamesNumbersAndBodiesAreRejected() throws Exception {
        String limit = "a".repeat(WebhookParser.MAX_STRING_LENGTH);
        PARSER.parse(Fixtures.messaging(Fixtures.event("\"message\":{\"text\":\"" + limit + "\"}")));
        assertRejected(Fixtures.messaging(Fixtures.event("\"message\":{\"text\":\"" + limit + "a\"}")),
                Reason.TOO_LARGE, null);
        assertRejected(Fixtures.messaging(Fixtures.event("\"" + "n".repeat(WebhookParser.MAX_NAME_LENGTH + 1)
                + "\":1")), Reason.TOO_LARGE, null);
        assertRejected(Fixtures.messaging(Fixtures.event("\"n\":" + "9".repeat(WebhookParser.MAX_NUMBER_LENGTH + 1))),
                Reason.TOO_LARGE, null);
        assertRejected(Fixtures.messaging(Fixtures.event("\"n\":1." + "9".repeat(WebhookParser.MAX_NUMBER_LENGTH + 1))),
                Reason.TOO_LARGE, null);
        byte[] huge = new byte[WebhookParser.MAX_BODY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        assertRejected(huge, Reason.TOO_LARGE, "");
    }

    @Test
    void errorMessagesNeverRepeatLargeInput() {
        String longToken = "x".repeat(10_000);
        WebhookParseException error = rejected(Fixtures.utf8("{\"object\":" + longToken + "}"));
        assertThat(error.getMessage()).hasSizeLessThan(400);
        WebhookParseException object = rejected(Fixtures.utf8("{\"object\":\"" + longToken + "\",\"entry\":[]}"));
        assertThat(object.getMessage()).hasSizeLessThan(200);
        dev.baton.event.UnknownEvent roles = (dev.baton.event.UnknownEvent) assertDoesNotThrow(() -> PARSER.parse(
                Fixtures.messaging(Fixtures.event("\"app_roles\":{\"" + "7".repeat(1000) + "\":\"not-an-array\"}"))))
                .events().get(0);
        assertThat(roles.path()).hasSizeLessThan(210);
    }

    @Test
    void nullBodyIsAProgrammingErrorNotAParseError() {
        assertThat(catchThrowable(() -> PARSER.parse(null))).isInstanceOf(NullPointerException.class);
    }
}
