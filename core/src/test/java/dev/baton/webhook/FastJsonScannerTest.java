package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast scanner takes the plain bodies Meta sends, and whatever it takes, Jackson takes too and reads
 * to the same values; everything else it declines, for Jackson to accept or refuse.
 */
class FastJsonScannerTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final RawJson RAW = new RawJson(JACKSON);

    @Test
    void takesTheFixturesRandomBatchesAndMetasShapes() {
        for (String fixture : WebhookParserDifferentialTest.FIXTURES) {
            byte[] body = Fixtures.bytes(fixture);
            if (new String(body, StandardCharsets.UTF_8).matches("(?s).*:\\s*-?\\d+\\.\\d.*")) {
                // Decimals (prices, coordinates, scores) are Jackson's to convert.
                assertThat(FastJsonScanner.scan(body, 16)).as(fixture).isNull();
            } else {
                assertTakenAsJacksonReadsIt(body);
            }
        }
        for (long seed = 0; seed < 200; seed++) {
            assertTakenAsJacksonReadsIt(new WebhookWriter().write(new RandomBatches(seed).batch()));
        }
        assertTakenAsJacksonReadsIt(Fixtures.messaging(Fixtures.event(
                "\"message\":{\"mid\":\"m\\u00e4\\ud83d\\ude00\\ud800\\\"\\\\\\/\\b\\f\\n\\r\\t\u00e4\u20ac\","
                        + "\"n\":[-0,0,-1,123456789012345678,-123456789012345678,9223372036854775807,-9223372036854775808,true,false,null,{},[]]}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "{} x", "{},", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":-}",
            "{\"a\":1.5}", "{\"a\":1e5}", "{\"a\":9223372036854775808}", "{\"a\":-9223372036854775809}", "{\"a\":12345678901234567890}", "{\"a\":tru}", "{\"a\":truex}",
            "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\t\"}", "{\"a\":1,\"a\":2}", "{\"a\" 1}",
            "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}", "{\"a\":NaN}", "{\"a\":+1}", "{\"a\":\"x}", "{\"a\":1",
            "\ufeff{\"a\":1}", "{\"a\":[1}", "{\"a\":{]}", "{\"a\":1}}", "{\"a\":/*c*/1}", "{\"a\":\u00a01}"})
    void declinesWhatIsNotPlainJson(String body) {
        assertThat(FastJsonScanner.scan(body.getBytes(StandardCharsets.UTF_8), 16)).isNull();
    }

    @Test
    void declinesDeepNestingManyMembersAndLongStringsForJacksonToJudge() {
        String deep = "{\"a\":" + "[".repeat(FastJsonScanner.MAX_DEPTH) + "]".repeat(FastJsonScanner.MAX_DEPTH) + "}";
        assertThat(FastJsonScanner.scan(Fixtures.utf8(deep), 16)).isNull();
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i <= FastJsonScanner.MAX_MEMBERS; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertThat(FastJsonScanner.scan(Fixtures.utf8(wide.append('}').toString()), 16)).isNull();
        String longText = "{\"a\":\"" + "x".repeat(WebhookParser.MAX_STRING_LENGTH + 1) + "\"}";
        assertThat(FastJsonScanner.scan(Fixtures.utf8(longText), 16)).isNull();
        String longName = "{\"" + "n".repeat(WebhookParser.MAX_NAME_LENGTH + 1) + "\":1}";
        assertThat(FastJsonScanner.scan(Fixtures.utf8(longName), 16)).isNull();
    }

    /** Thousands of broken and odd bodies: whatever the scanner takes, Jackson takes and reads alike. */
    @Test
    void neverTakesWhatJacksonRefusesNorReadsItDifferently() {
        Random random = new Random(42);
        int taken = 0;
        for (int round = 0; round < 5_000; round++) {
            byte[] base = WebhookParserDifferentialTest.compact(Fixtures.bytes(WebhookParserDifferentialTest.FIXTURES[
                    random.nextInt(WebhookParserDifferentialTest.FIXTURES.length)]), random);
            byte[] body = WebhookParserDifferentialTest.mutate(base, random);
            if (Utf8Check.firstInvalid(body) >= 0) {
                continue; // the parser refuses these before either reader sees them
            }
            JsonTape fast = FastJsonScanner.scan(body, 16);
            if (fast != null) {
                taken++;
                assertThat(RAW.of(fast, 0)).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(jackson(body));
            }
        }
        assertThat(taken).as("mutations the scanner took").isGreaterThan(500);
    }

    private static void assertTakenAsJacksonReadsIt(byte[] body) {
        JsonTape fast = FastJsonScanner.scan(body, 16);
        assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isNotNull();
        assertThat(RAW.of(fast, 0)).isEqualTo(jackson(body));
    }

    private static String jackson(byte[] body) {
        String[] json = new String[1];
        assertThatCode(() -> {
            try (JsonParser parser = JACKSON.createParser(body)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                json[0] = RAW.of(JacksonTapeReader.readObject(parser, 16), 0);
                assertThat(parser.nextToken()).as("nothing after the object").isNull();
            }
        }).as("Jackson accepts %s", new String(body, StandardCharsets.UTF_8)).doesNotThrowAnyException();
        return json[0];
    }
}
