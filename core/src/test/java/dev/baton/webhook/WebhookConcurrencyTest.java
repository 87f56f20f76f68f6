package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.WebhookBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One parser and one writer shared by several threads give the same answers as when used alone. */
class WebhookConcurrencyTest {

    @Test
    void sharedParserAndWriterAreThreadSafe() throws Exception {
        WebhookParser parser = new WebhookParser();
        WebhookWriter writer = new WebhookWriter();
        List<WebhookBatch> batches = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (long seed = 0; seed < 50; seed++) {
            WebhookBatch batch = new RandomBatches(1000 + seed).batch();
            batches.add(batch);
            bodies.add(writer.write(batch));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    int checked = 0;
                    for (int round = 0; round < 100; round++) {
                        int i = (round * 7 + offset) % batches.size();
                        if (!Fixtures.withoutRaw(parser.parse(bodies.get(i))).equals(Fixtures.withoutRaw(batches.get(i)))
                                || !Arrays.equals(writer.write(batches.get(i)), bodies.get(i))) {
                            throw new AssertionError("batch " + i + " differs under concurrency");
                        }
                        checked++;
                    }
                    return checked;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(100);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
