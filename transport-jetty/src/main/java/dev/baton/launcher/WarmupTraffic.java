package dev.baton.launcher;

import dev.baton.config.AppConfig;
import dev.baton.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The requests the warm-up sends, as close to Meta's as the JIT can tell: Meta's headers (both signature
 * headers, its user agent, accept headers), Meta's JSON (compact, {@code /} escaped as {@code \/}, 16-digit
 * ids as strings, long mids), three 1-event text messages for every 10-entry batch (the two shapes Meta sends,
 * the second as a burst of a backlog does), people cycling over a few hundred conversations so the lanes are
 * spread as in real traffic, apps taken in turn, each body signed with its throwaway app's secret. Mids are
 * distinct but for one request in 16, which repeats the one before it as Meta's retries do (the dedupe path).
 * A difference the JIT can see (a header never seen, an escape never parsed) makes it throw away code compiled
 * for the warm-up when the first real request shows it, and compile again while serving: measured with
 * {@code -XX:+PrintCompilation}, that is what these choices avoid. Built per request from a counter: one HMAC
 * per request costs far less than the request it warms. Thread-safe (stateless).
 */
final class WarmupTraffic {

    static final int BATCH_ENTRIES = 10;
    private static final int PEOPLE = 256;

    private final WarmupDeployment deployment;
    private final List<AppConfig> apps;
    private final String pageId;
    private final String object;
    private final long startMillis = System.currentTimeMillis();

    WarmupTraffic(WarmupDeployment deployment) {
        this.deployment = deployment;
        this.apps = deployment.config().apps();
        this.pageId = deployment.config().page().id();
        this.object = deployment.config().page().platform().objectName();
    }

    /** The whole HTTP/1.1 request number {@code sequence} (keep-alive), ready to write to the socket. */
    byte[] request(long sequence, String host) {
        long shown = sequence % 16 == 15 ? sequence - 1 : sequence; // a retry of the one before
        AppConfig app = apps.get((int) (shown % apps.size()));
        byte[] body = body(shown);
        String secret = deployment.secret(app.name());
        String head = "POST /webhooks/" + app.name() + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: facebookexternalua\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: deflate, gzip\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Hub-Signature: " + WebhookSignature.sha1Header(body, secret) + "\r\n"
                + "X-Hub-Signature-256: " + WebhookSignature.sha256Header(body, secret) + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Every fourth request a 10-entry batch, the others one text message. */
    byte[] body(long sequence) {
        int entries = sequence % 4 == 3 ? BATCH_ENTRIES : 1;
        long time = startMillis + sequence;
        StringBuilder json = new StringBuilder(200 + entries * 260);
        json.append("{\"object\":\"").append(object).append("\",\"entry\":[");
        for (int j = 0; j < entries; j++) {
            if (j > 0) {
                json.append(',');
            }
            long person = (sequence * BATCH_ENTRIES + j) % PEOPLE;
            json.append("{\"id\":\"").append(pageId).append("\",\"time\":").append(time).append(",\"messaging\":[{")
                    .append("\"sender\":{\"id\":\"").append(9_100_000_000_000_000L + person).append("\"},")
                    .append("\"recipient\":{\"id\":\"").append(pageId).append("\"},")
                    .append("\"timestamp\":").append(time).append(',')
                    .append("\"message\":{\"mid\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_")
                    .append(sequence).append('_').append(j).append("\",")
                    .append("\"text\":\"Hi! Do you ship to Lyon before Friday? https:\\/\\/shop.example\\/p\\/")
                    .append(sequence).append("\"}}]}");
        }
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
