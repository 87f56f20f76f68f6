package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.WebhookBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** write(parse(x)) parses back to the same batch, and writing that again gives the same bytes. */
class WebhookRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"a-ctm-message-referral.json", "b-get-started-postback.json",
            "c-leadgen-pass-thread-control.json", "d-take-thread-control.json", "e-request-thread-control.json",
            "f-standby-envelope.json", "f-echo.json", "messenger-every-kind.json", "instagram-every-kind.json"})
    void examplesSurviveARoundTrip(String fixture) throws Exception {
        assertRoundTrip(Fixtures.bytes(fixture));
    }

    static void assertRoundTrip(byte[] body) throws WebhookParseException {
        WebhookParser parser = new WebhookParser();
        WebhookWriter writer = new WebhookWriter();
        WebhookBatch batch = parser.parse(body);
        byte[] written = writer.write(batch);

        assertThat(parser.parse(written)).isEqualTo(batch);
        assertThat(writer.write(parser.parse(written))).isEqualTo(written);
        for (byte b : written) {
            assertThat(b).as("written bytes are ASCII: %s", new String(written, StandardCharsets.UTF_8))
                    .isBetween((byte) 0x20, (byte) 0x7e);
        }
    }
}
