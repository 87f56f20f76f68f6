package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final String SECRET = "app-secret-1";
    private static final byte[] BODY = Fixtures.bytes("a-ctm-message-referral.json");

    @Test
    void matchesRfc4231AndRfc2202KnownAnswers() {
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(WebhookSignature.sha256Header(data, "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(WebhookSignature.sha1Header(data, "Jefe"))
                .isEqualTo("sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @Test
    void rightSignatureIsValid() {
        String header = WebhookSignature.sha256Header(BODY, SECRET);

        assertThat(header).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(BODY, header, SECRET)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void signatureWithAnotherSecretOrOfAnotherBodyIsAMismatch() {
        String header = WebhookSignature.sha256Header(BODY, SECRET);
        byte[] changed = BODY.clone();
        changed[changed.length / 2] ^= 1;

        assertThat(WebhookSignature.verify(BODY, header, "app-secret-2")).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(WebhookSignature.verify(changed, header, SECRET)).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + "0".repeat(64), SECRET))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void everySingleFlippedHexDigitIsAMismatch() {
        String header = WebhookSignature.sha256Header(BODY, SECRET);
        for (int i = "sha256=".length(); i < header.length(); i++) {
            char flipped = header.charAt(i) == '0' ? '1' : '0';
            String wrong = header.substring(0, i) + flipped + header.substring(i + 1);
            assertThat(WebhookSignature.verify(BODY, wrong, SECRET)).as("digit %d", i)
                    .isEqualTo(SignatureCheck.MISMATCH);
        }
    }

    @Test
    void absentOrBlankHeaderIsMissing() {
        assertThat(WebhookSignature.verify(BODY, null, SECRET)).isEqualTo(SignatureCheck.MISSING);
        assertThat(WebhookSignature.verify(BODY, "", SECRET)).isEqualTo(SignatureCheck.MISSING);
        assertThat(WebhookSignature.verify(BODY, "  ", SECRET)).isEqualTo(SignatureCheck.MISSING);
    }

    @Test
    void wrongPrefixOddLengthAndNonHexAreMalformed() {
        String hex = WebhookSignature.sha256Header(BODY, SECRET).substring("sha256=".length());

        assertThat(WebhookSignature.verify(BODY, "sha1=" + hex, SECRET)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "SHA256=" + hex, SECRET)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, hex, SECRET)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256:" + hex, SECRET)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex.substring(1), SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex + "0", SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex + "00", SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=", SECRET)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + "g" + hex.substring(1), SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex.substring(0, 63) + "z", SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex.substring(0, 62) + " 1", SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex.substring(0, 63) + "\u00e4", SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void upperCaseHexAndSurroundingWhiteSpaceAreAccepted() {
        String header = WebhookSignature.sha256Header(BODY, SECRET);
        String upper = "sha256=" + header.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertThat(upper).isNotEqualTo(header);
        assertThat(WebhookSignature.verify(BODY, upper, SECRET)).isEqualTo(SignatureCheck.VALID);
        assertThat(WebhookSignature.verify(BODY, " " + header + "\t", SECRET)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void checksThatReuseOneThreadsResultBufferDoNotLeakIntoEachOther() {
        byte[] other = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String bodyHeader = WebhookSignature.sha256Header(BODY, SECRET);
        String otherHeader = WebhookSignature.sha256Header(other, "second-secret");
        for (int round = 0; round < 3; round++) {
            assertThat(WebhookSignature.verify(BODY, bodyHeader, SECRET)).isEqualTo(SignatureCheck.VALID);
            assertThat(WebhookSignature.verify(other, bodyHeader, SECRET)).isEqualTo(SignatureCheck.MISMATCH);
            assertThat(WebhookSignature.verify(other, otherHeader, "second-secret")).isEqualTo(SignatureCheck.VALID);
            assertThat(WebhookSignature.verify(BODY, otherHeader, "second-secret")).isEqualTo(SignatureCheck.MISMATCH);
        }
        assertThat(WebhookSignature.sha256Header(BODY, SECRET)).isEqualTo(bodyHeader);
    }

    @Test
    void whiteSpaceOnlyCountsAroundTheValueNotInsideIt() {
        String header = WebhookSignature.sha256Header(BODY, SECRET);
        assertThat(WebhookSignature.verify(BODY, "\t\n " + header + "\r\n", SECRET)).isEqualTo(SignatureCheck.VALID);
        assertThat(WebhookSignature.verify(BODY, header.replace("=", "= "), SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(WebhookSignature.verify(BODY, header.substring(0, 20) + " " + header.substring(21), SECRET))
                .isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void emptyBodyIsSignedAndVerifiedLikeAnyOther() {
        byte[] empty = new byte[0];
        String header = WebhookSignature.sha256Header(empty, SECRET);

        assertThat(WebhookSignature.verify(empty, header, SECRET)).isEqualTo(SignatureCheck.VALID);
        assertThat(WebhookSignature.verify(BODY, header, SECRET)).isEqualTo(SignatureCheck.MISMATCH);
    }

    /**
     * Meta signs the body with {@code äöå} escaped as {@code \u00e4\u00f6\u00e5}; the check is over the bytes
     * as received, so a signature of the escaped form does not match the raw form and vice versa.
     */
    @Test
    void escapedAndRawUnicodeAreDifferentBytesWithDifferentSignatures() throws Exception {
        byte[] escaped = Fixtures.messaging(Fixtures.event(
                "\"message\":{\"mid\":\"m1\",\"text\":\"\\u00e4\\u00f6\\u00e5\"}"));
        byte[] raw = Fixtures.messaging(Fixtures.event("\"message\":{\"mid\":\"m1\",\"text\":\"äöå\"}"));
        String escapedHeader = WebhookSignature.sha256Header(escaped, SECRET);
        String rawHeader = WebhookSignature.sha256Header(raw, SECRET);

        assertThat(WebhookSignature.verify(escaped, escapedHeader, SECRET)).isEqualTo(SignatureCheck.VALID);
        assertThat(WebhookSignature.verify(raw, rawHeader, SECRET)).isEqualTo(SignatureCheck.VALID);
        assertThat(WebhookSignature.verify(raw, escapedHeader, SECRET)).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(WebhookSignature.verify(escaped, rawHeader, SECRET)).isEqualTo(SignatureCheck.MISMATCH);
        WebhookParser parser = new WebhookParser();
        assertThat(Fixtures.withoutRaw(parser.parse(escaped))).isEqualTo(Fixtures.withoutRaw(parser.parse(raw)));
        assertThat(parser.parse(escaped).events().get(0).raw().text()).as("raw JSON is kept as sent, escaped")
                .contains("\\u00e4");
        // The writer produces Meta's escaped form, so its signature is the one Meta would send.
        byte[] written = new WebhookWriter().write(parser.parse(raw));
        assertThat(new String(written, StandardCharsets.US_ASCII)).contains("\\u00e4\\u00f6\\u00e5");
        assertThat(WebhookSignature.verify(written, escapedHeader, SECRET)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void secretIsRequired() {
        assertThatThrownBy(() -> WebhookSignature.verify(BODY, "sha256=00", null))
                .isInstanceOf(NullPointerException.class).hasMessage("appSecret is null");
        assertThatThrownBy(() -> WebhookSignature.verify(BODY, null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appSecret is empty");
        assertThatThrownBy(() -> WebhookSignature.sha256Header(BODY, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.verify(null, "sha256=00", SECRET))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "a much longer secret than sixty-four bytes, so that HMAC hashes the key first.."})
    void secretsOfAnyLengthAgreeWithTheJdkMac(String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(BODY));

        assertThat(WebhookSignature.sha256Header(BODY, secret)).isEqualTo(expected);
    }

    /** Cached Macs are per thread: many threads and secrets at once never mix up keys. */
    @Test
    void concurrentChecksWithManySecretsStayCorrect() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            secrets.add("secret-" + i);
        }
        List<String> headers = secrets.stream().map(s -> WebhookSignature.sha256Header(BODY, s)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    for (int round = 0; round < 200; round++) {
                        int i = (round + offset) % secrets.size();
                        int j = (i + 1) % secrets.size();
                        if (WebhookSignature.verify(BODY, headers.get(i), secrets.get(i)) != SignatureCheck.VALID
                                || WebhookSignature.verify(BODY, headers.get(j), secrets.get(i))
                                        != SignatureCheck.MISMATCH) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
