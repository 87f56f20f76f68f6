package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The allocation-free HMAC used by verify must agree with the JDK's HmacSHA256 for every key and body length. */
class Sha256HmacTest {

    @Test
    void agreesWithTheJdkMacForKeysAroundTheBlockSizeAndManyBodies() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        byte[] out = new byte[Sha256Hmac.LENGTH];
        for (int keyLength = 1; keyLength <= 150; keyLength++) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < keyLength; i++) {
                key.append(i % 17 == 5 ? 'é' : (char) ('a' + random.nextInt(26))); // non-ASCII: UTF-8 key bytes
            }
            String secret = key.toString();
            Sha256Hmac hmac = new Sha256Hmac(secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (int round = 0; round < 3; round++) { // reuse must not carry state from one body to the next
                byte[] body = new byte[random.nextInt(300)];
                random.nextBytes(body);
                hmac.sign(body, out);
                assertThat(out).as("key length %d", keyLength).isEqualTo(mac.doFinal(body));
            }
        }
    }

    @Test
    void verifyAcceptsTheJdkSignatureForShortAndLongSecretsAndRejectsAnotherSecrets() {
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        for (String secret : new String[] {"s", "x".repeat(64), "y".repeat(65), "z".repeat(200)}) {
            String header = WebhookSignature.sha256Header(body, secret); // made with javax.crypto.Mac
            assertThat(WebhookSignature.verify(body, header, secret)).isEqualTo(SignatureCheck.VALID);
            assertThat(WebhookSignature.verify(body, header, secret + "!")).isEqualTo(SignatureCheck.MISMATCH);
        }
    }
}
