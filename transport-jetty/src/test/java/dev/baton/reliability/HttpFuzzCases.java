package dev.baton.reliability;

import static java.util.Objects.requireNonNull;

import dev.baton.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * The HTTP fuzz cases: the seeded {@link PayloadMutator} over the {@link Corpus}, each case turned into a
 * request with its signature header(s), sometimes a wrong content type, and one in forty bodies over the
 * server's limit. The same seed gives the same requests in the same order, so a failing case can be replayed.
 * Not thread-safe: one thread makes the cases (sending them may be concurrent).
 */
public final class HttpFuzzCases {

    /** Marks a request whose body is over the limit: the server may close the connection before reading it. */
    public static final String OVERSIZED_HEADER = "X-Fuzz-Oversized";

    private final URI uri;
    private final String secret;
    private final int maxBodyBytes;
    private final PayloadMutator mutator;
    private final Random random;

    public HttpFuzzCases(URI uri, String secret, long seed, int maxBodyBytes) {
        this.uri = requireNonNull(uri, "uri is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.maxBodyBytes = maxBodyBytes;
        this.mutator = new PayloadMutator(seed, Corpus.load());
        this.random = new Random(seed);
    }

    /** The next case's request. */
    public HttpRequest next() {
        FuzzCase fuzz = mutator.next();
        byte[] body = fuzz.body();
        boolean oversized = random.nextInt(40) == 0;
        if (oversized) {
            body = Arrays.copyOf(body, maxBodyBytes + 1 + random.nextInt(maxBodyBytes));
        }
        String contentType = switch (random.nextInt(20)) {
            case 0 -> "text/plain";
            case 1 -> "application/x-www-form-urlencoded";
            case 2 -> "application/json; charset=utf-8";
            default -> "application/json";
        };
        HttpRequest.Builder request = post(uri, body, contentType);
        String header = new FuzzCase(fuzz.number(), body, fuzz.signing(), fuzz.mutation()).signatureHeader(secret);
        switch (fuzz.signing()) {
            case SHA1_ONLY -> request.header("X-Hub-Signature", WebhookSignature.sha1Header(body, secret));
            case DUPLICATED -> request.header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, "other"))
                    .header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, secret));
            case MISSING -> { }
            default -> request.header("X-Hub-Signature-256", header);
        }
        if (oversized) {
            request.header(OVERSIZED_HEADER, "1");
        }
        return request.build();
    }

    /** A POST of {@code body} with a 30-second timeout. */
    public static HttpRequest.Builder post(URI uri, byte[] body, String contentType) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
