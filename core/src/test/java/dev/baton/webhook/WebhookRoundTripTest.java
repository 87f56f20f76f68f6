package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.WebhookBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** write(parse(x)) parses back to the same batch, and writing that again gives the same bytes. */
class WebhookRoundTripTest {

    // Shared on purpose: both are thread-safe and reusable, and building their mappers costs milliseconds.
    private static final WebhookParser PARSER = new WebhookParser();
    private static final WebhookWriter WRITER = new WebhookWriter();

    @ParameterizedTest
    @ValueSource(strings = {"a-ctm-message-referral.json", "b-get-started-postback.json",
            "c-leadgen-pass-thread-control.json", "d-take-thread-control.json", "e-request-thread-control.json",
            "f-standby-envelope.json", "f-echo.json", "messenger-every-kind.json", "instagram-every-kind.json"})
    void examplesSurviveARoundTrip(String fixture) throws Exception {
        assertRoundTrip(Fixtures.bytes(fixture));
    }

    /** Batches built in code (as the emulator builds them) come back equal after write then parse. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void randomBatchesOfEveryKindSurviveWriteThenParse(long seed) throws Exception {
        WebhookBatch batch = new RandomBatches(seed).batch();
        byte[] written = WRITER.write(batch);

        assertThat(Fixtures.withoutRaw(PARSER.parse(written))).as(new String(written, StandardCharsets.US_ASCII))
                .isEqualTo(Fixtures.withoutRaw(batch));
        assertRoundTrip(written);
    }

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.range(0, 300);
    }

    static void assertRoundTrip(byte[] body) throws WebhookParseException {
        WebhookBatch batch = PARSER.parse(body);
        byte[] written = WRITER.write(batch);

        assertThat(Fixtures.withoutRaw(PARSER.parse(written))).isEqualTo(Fixtures.withoutRaw(batch));
        assertThat(WRITER.write(PARSER.parse(written))).isEqualTo(written);
        String text = new String(written, StandardCharsets.ISO_8859_1);
        assertThat(text).as("written bytes are printable ASCII").matches("[\\x20-\\x7f]*");
    }
}
