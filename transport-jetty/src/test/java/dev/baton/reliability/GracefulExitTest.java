package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code of the real launcher in a child JVM sent SIGTERM: 0 after a graceful stop that handled every
 * accepted event, 3 when the shutdown timeout ran out with a handler still busy (its event stays in the journal).
 */
class GracefulExitTest {

    @TempDir
    Path dir;

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermAfterADrainedStopExitsZero() throws Exception {
        assumeTrue(CrashRun.launcherAvailable(), "the Page launcher is not built yet");
        Path records = Files.createFile(dir.resolve("handled.tsv"));
        PageProcess page = start(records, "shutdownTimeout: 20s, drainPeriod: 1s");
        try {
            assertThat(post(page, "m-user-1-0")).isEqualTo(200);
            assertThat(awaitRecorded(records, "m-user-1-0")).as("handled before the stop").isTrue();
            assertThat(page.stop()).as("exit code after SIGTERM").isEqualTo(0);
        } finally {
            page.kill();
        }
        assertThat(Files.readString(dir.resolve("child.log"))).contains("stopped")
                .doesNotContain("after the shutdown timeout");
    }

    @Test
    void sigtermWhoseStopTimesOutExitsThree() throws Exception {
        assumeTrue(CrashRun.launcherAvailable(), "the Page launcher is not built yet");
        Path records = Files.createFile(dir.resolve("handled.tsv"));
        PageProcess page = start(records, "shutdownTimeout: 1s, drainPeriod: 0s");
        try {
            String held = CrashRecorderPlugin.HOLD_PREFIX + "user-2-0";
            assertThat(post(page, held)).isEqualTo(200);
            assertThat(awaitRecorded(records, held)).as("the handler took the event and holds it").isTrue();
            assertThat(page.stop()).as("exit code after SIGTERM with a handler outlasting the timeout")
                    .isEqualTo(3);
        } finally {
            page.kill();
        }
        assertThat(Files.readString(dir.resolve("child.log"))).contains("after the shutdown timeout");
    }

    private PageProcess start(Path records, String stopSettings) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = CrashConfig.write(dir, port, 2, records, stopSettings);
        PageProcess page = PageProcess.start(config, port, CrashRun.SECRETS, dir.resolve("child.log"), null);
        assertThat(page.awaitReady(client, Duration.ofSeconds(90))).as("child ready").isTrue();
        return page;
    }

    private int post(PageProcess page, String mid) throws IOException, InterruptedException {
        byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + CrashRun.PAGE + "\",\"time\":1700000000000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"user-1\"},\"recipient\":{\"id\":\"" + CrashRun.PAGE + "\"},"
                + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":\"hello\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(page.uri("/webhooks/recorder"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, CrashRun.SECRETS.get("CRASH_SECRET")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private static boolean awaitRecorded(Path records, String mid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(records).contains("\t" + mid + "\t")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
