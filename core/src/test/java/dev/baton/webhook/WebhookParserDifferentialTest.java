package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming {@link WebhookParser} against the tree-based parser it replaced ({@link TreeWebhookParser}):
 * on every input, both return equal batches or both refuse it with the same reason, path and message.
 * Inputs: the fixtures, random batches of every kind, the malformed corpus, and thousands of mutations of
 * them (cuts, byte changes, reordered and repeated fields, numbers and values of every JSON type spliced in).
 */
class WebhookParserDifferentialTest {

    private static final WebhookParser STREAMING = new WebhookParser();
    private static final TreeWebhookParser TREE = new TreeWebhookParser();
    private static final WebhookWriter WRITER = new WebhookWriter();
    static final String[] FIXTURES = {"a-ctm-message-referral.json", "b-get-started-postback.json",
        "c-leadgen-pass-thread-control.json", "d-take-thread-control.json", "e-request-thread-control.json",
        "f-standby-envelope.json", "f-echo.json", "messenger-every-kind.json", "instagram-every-kind.json"};
    private static final String[] SPLICES = {"0", "-0", "1", "-1", "1.10", "0.0", "-0.0", "1e5", "1E-5", "1.5e+3",
        "0e10", "2.50E2", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1e999999999", "1e9999999999", "true", "false",
        "null", "\"\"", "\"x\\u0041\\/\\n\u00e4\"", "[]", "{}", "[1,\"a\",null]", "{\"id\":5}", "{\"id\":\"5\"}",
        "{\"id\":1.5}", "{\"a\":1,\"a\":2}", "[", "}", "\"", "01", "+1", ".5", "NaN"};

    @ParameterizedTest
    @ValueSource(strings = {"a-ctm-message-referral.json", "b-get-started-postback.json",
            "c-leadgen-pass-thread-control.json", "d-take-thread-control.json", "e-request-thread-control.json",
            "f-standby-envelope.json", "f-echo.json", "messenger-every-kind.json", "instagram-every-kind.json"})
    void fixturesParseAlike(String fixture) {
        assertSameOutcome(Fixtures.bytes(fixture));
    }

    @Test
    void randomBatchesOfEveryKindParseAlike() {
        for (long seed = 0; seed < 300; seed++) {
            assertSameOutcome(WRITER.write(new RandomBatches(seed).batch()));
        }
    }

    @Test
    void theMalformedCorpusIsRefusedAlike() {
        List<MalformedCorpus.Case> cases = new ArrayList<>(MalformedCorpus.wrongTypes());
        cases.addAll(MalformedCorpus.missingFields());
        for (MalformedCorpus.Case broken : cases) {
            assertSameOutcome(broken.body());
        }
    }

    @Test
    void numbersAndValuesOfEveryShapeInUnknownEventsAndPayloadsAreKeptAlike() throws Exception {
        for (String value : SPLICES) {
            assertSameOutcome(Fixtures.messaging(Fixtures.event("\"new_kind\":{\"v\":" + value + ",\"w\":[" + value
                    + "]}")));
            assertSameOutcome(Fixtures.messaging(Fixtures.event("\"message\":{\"mid\":\"m\",\"attachments\":["
                    + "{\"type\":\"image\",\"payload\":{\"url\":\"u\",\"n\":" + value + "}}]}")));
            assertSameOutcome(Fixtures.messaging(Fixtures.event("\"optin\":{\"type\":" + value + "}")));
            assertSameOutcome(Fixtures.messaging("{\"sender\":{\"id\":" + value + "},\"timestamp\":" + value
                    + ",\"recipient\":" + value + ",\"x\":1}"));
        }
        byte[] decimals = Fixtures.messaging(Fixtures.event("\"new_kind\":{\"a\":1.10,\"b\":-0.0,\"c\":1e5}"));
        UnknownEvent unknown = (UnknownEvent) STREAMING.parse(decimals).events().get(0);
        assertThat(unknown.rawJson()).contains("\"a\":1.10");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedBodiesParseOrFailAlike(long seed) {
        Random random = new Random(seed);
        List<byte[]> bases = new ArrayList<>();
        for (String fixture : FIXTURES) {
            bases.add(compact(Fixtures.bytes(fixture), random));
        }
        bases.add(WRITER.write(new RandomBatches(seed).batch()));
        for (int round = 0; round < 40; round++) {
            byte[] base = bases.get(random.nextInt(bases.size()));
            assertSameOutcome(mutate(base, random));
        }
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, seed -> seed + 1).limit(100);
    }

    /** Sometimes the fixture as written (pretty), sometimes with its white space gone. */
    static byte[] compact(byte[] body, Random random) {
        return random.nextBoolean() ? body : new String(body, StandardCharsets.UTF_8).replaceAll("\\n\\s*", "")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] mutate(byte[] body, Random random) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(7)) {
            case 0 -> Fixtures.utf8(text.substring(0, at));
            case 1 -> {
                byte[] changed = body.clone();
                String bytes = "{}[]\":,0a-. \\";
                changed[random.nextInt(changed.length)] = (byte) bytes.charAt(random.nextInt(bytes.length()));
                yield changed;
            }
            case 2 -> Fixtures.utf8(replaceValueAfterColon(text, random, SPLICES[random.nextInt(SPLICES.length)]));
            case 3 -> Fixtures.utf8(duplicateAMember(text, random));
            case 4 -> Fixtures.utf8(text.substring(0, at) + SPLICES[random.nextInt(SPLICES.length)] + text.substring(at));
            case 5 -> Fixtures.utf8(replaceValueAfterColon(replaceValueAfterColon(text, random, "null"), random,
                    SPLICES[random.nextInt(SPLICES.length)]));
            default -> Fixtures.utf8(text + (random.nextBoolean() ? " " : "x"));
        };
    }

    /** Replaces the value after a random {@code ":"} (up to the next comma or closing bracket) with {@code value}. */
    private static String replaceValueAfterColon(String text, Random random, String value) {
        int colon = text.indexOf(':', random.nextInt(text.length()));
        if (colon < 0) {
            return text;
        }
        return text.substring(0, colon + 1) + value + text.substring(valueEnd(text, colon + 1));
    }

    /** Where the JSON value starting at {@code from} ends: the next top-level comma or closing bracket. */
    private static int valueEnd(String text, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth-- == 0) {
                    return i;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /**
     * Takes the member that starts at a random {@code "name":} and either repeats it in place (a duplicate
     * field) or swaps it with the member after it (the same object with its fields in another order).
     */
    private static String duplicateAMember(String text, Random random) {
        int quote = text.indexOf("\":", random.nextInt(text.length()));
        int start = quote < 0 ? -1 : text.lastIndexOf('"', quote - 1);
        if (start < 0) {
            return text;
        }
        int end = valueEnd(text, quote + 2);
        String member = text.substring(start, end);
        if (random.nextBoolean() || end >= text.length() || text.charAt(end) != ',') {
            return text.substring(0, start) + member + "," + text.substring(start);
        }
        int nextEnd = valueEnd(text, end + 1);
        return text.substring(0, start) + text.substring(end + 1, nextEnd) + "," + member + text.substring(nextEnd);
    }

    private static void assertSameOutcome(byte[] body) {
        Outcome expected = outcome(() -> TREE.parse(body));
        Outcome actual = outcome(() -> STREAMING.parse(body));
        assertThat(actual).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private interface Parse {
        WebhookBatch run() throws WebhookParseException;
    }

    private record Outcome(WebhookBatch batch, String failure) {}

    private static Outcome outcome(Parse parse) {
        try {
            return new Outcome(parse.run(), null);
        } catch (WebhookParseException e) {
            return new Outcome(null, e.reason() + " | " + e.path() + " | " + e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(null, "unexpected " + e);
        }
    }
}
