package dev.baton.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Page launcher ({@code dev.baton.launcher.PageLauncher}) in a child JVM on the test class path,
 * its output going to a log file: started, waited on until ready, killed with SIGKILL or stopped with SIGTERM.
 */
public final class PageProcess {

    public static final String LAUNCHER = "dev.baton.launcher.PageLauncher";

    private final Process process;
    private final URI base;

    private PageProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the launcher; {@code logbackConfig} sets its logging (the crash test runs it at DEBUG), null
     * leaves Logback's own default.
     */
    public static PageProcess start(Path config, int port, Map<String, String> environment, Path log,
            Path logbackConfig) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (logbackConfig != null) {
            command.add("-Dlogback.configurationFile=" + logbackConfig);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LAUNCHER, config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new PageProcess(builder.start(), URI.create("http://127.0.0.1:" + port));
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** Polls {@code /health/ready} until it answers 200; false when the child died or time ran out. */
    public boolean awaitReady(HttpClient client, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(uri("/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the launcher's graceful shutdown (drain, close the journal). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }
}
