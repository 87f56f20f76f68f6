package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time ASCII path must find exactly what the byte-wise decoder finds, at every offset. */
class Utf8CheckTest {

    private static final byte[][] INVALID = {
        {(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xff}, {(byte) 0xe2, (byte) 0x82},
    };
    private static final byte[][] VALID = {
        {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xe2, (byte) 0x82, (byte) 0xac},
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
    };

    @Test
    void findsAnInvalidSequenceAtEveryOffsetAroundTheWords() {
        for (byte[] bad : INVALID) {
            for (int length = 0; length <= 40; length++) {
                for (int at = 0; at <= length; at++) {
                    byte[] body = ascii(length + bad.length);
                    System.arraycopy(bad, 0, body, at, bad.length);
                    // A cut-off sequence at the end is reported at its lead byte; mid-body it is followed by ASCII.
                    assertThat(Utf8Check.firstInvalid(body)).as("%s at %d of %d", Arrays.toString(bad), at, length)
                            .isEqualTo(at);
                }
            }
        }
    }

    @Test
    void acceptsValidMultiByteSequencesAtEveryOffset() {
        for (byte[] good : VALID) {
            for (int length = 0; length <= 40; length++) {
                for (int at = 0; at <= length; at++) {
                    byte[] body = ascii(length + good.length);
                    System.arraycopy(good, 0, body, at, good.length);
                    assertThat(Utf8Check.firstInvalid(body)).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomMostlyAsciiBytes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] body = ascii(random.nextInt(64));
            int noise = random.nextInt(3);
            for (int n = 0; n < noise && body.length > 0; n++) {
                body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(128));
            }
            assertThat(Utf8Check.firstInvalid(body) < 0).as(Arrays.toString(body)).isEqualTo(jdkAccepts(body));
        }
    }

    private static byte[] ascii(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    private static boolean jdkAccepts(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
