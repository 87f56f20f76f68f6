package dev.baton.benchmarks.failover;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the Page for {@link FailoverTimer}: the shipped jar's entry point ({@code
 * com.example.page.PageMain CONFIG}, which runs the production launcher) in a child JVM, on an OS-picked
 * port, its output in a log file. SIGKILL or SIGTERM.
 */
final class ChildInstance {

    static final String MAIN = "com.example.page.PageMain";

    final String name;
    final URI base;
    private final Process process;
    private final Path log;

    private ChildInstance(String name, URI base, Process process, Path log) {
        this.name = name;
        this.base = base;
        this.process = process;
        this.log = log;
    }

    static ChildInstance start(String name, Path dir, String yamlTemplate, Map<String, String> environment,
            String classPath) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("page-" + name + ".yaml");
        Files.writeString(config, yamlTemplate.replace("@PORT@", Integer.toString(port)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath,
                MAIN, config.toString()));
        builder.environment().putAll(environment);
        builder.environment().put("INSTANCE", name);
        builder.redirectErrorStream(true);
        Path log = dir.resolve("instance-" + name + ".log");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ChildInstance(name, URI.create("http://127.0.0.1:" + port), builder.start(), log);
    }

    boolean awaitReady(HttpClient client, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL (what {@code destroyForcibly} sends on Linux), and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
