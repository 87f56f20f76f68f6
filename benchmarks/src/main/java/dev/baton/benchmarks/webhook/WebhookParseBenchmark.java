package dev.baton.benchmarks.webhook;

import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.SignatureCheck;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The request thread's own webhook work without the dispatcher: {@code verify} (HMAC-SHA256 of the raw body
 * against the header), {@code parse} ({@link WebhookParser} from bytes to a {@link WebhookBatch}) and
 * {@code verifyAndParse} (both, as the ingest path does them). Bodies are 1 or 10 message events in Meta's
 * shape, made and signed in setup and cycled so the JIT cannot specialise on one input.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar WebhookParse -f 1 -wi 3 -i 5 -w 2s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebhookParseBenchmark {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final int BODIES = 1_024;

    @Param({"1", "10"})
    public int eventsPerBatch;

    private final WebhookParser parser = new WebhookParser();
    private byte[][] bodies;
    private String[] signatures;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        WebhookWriter writer = new WebhookWriter();
        bodies = new byte[BODIES][];
        signatures = new String[BODIES];
        for (int b = 0; b < BODIES; b++) {
            List<WebhookEvent> events = new ArrayList<>();
            for (int e = 0; e < eventsPerBatch; e++) {
                MessageEvent message = TestEvents.message("1234567890", "2468135791357" + (b * 10 + e),
                        "m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_" + b + "_" + e,
                        "Hello, is this still available?", 1_700_000_000_000L + b);
                events.add(message);
            }
            bodies[b] = writer.write(TestEvents.batch(Platform.MESSENGER, events));
            signatures[b] = WebhookSignature.sha256Header(bodies[b], SECRET);
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (BODIES - 1);
        return i;
    }

    @Benchmark
    public WebhookBatch parse() throws WebhookParseException {
        return parser.parse(bodies[nextIndex()]);
    }

    @Benchmark
    public SignatureCheck verify() {
        int i = nextIndex();
        return WebhookSignature.verify(bodies[i], signatures[i], SECRET);
    }

    @Benchmark
    public WebhookBatch verifyAndParse() throws WebhookParseException {
        int i = nextIndex();
        if (!WebhookSignature.verify(bodies[i], signatures[i], SECRET).isValid()) {
            throw new IllegalStateException("signature did not verify");
        }
        return parser.parse(bodies[i]);
    }
}
