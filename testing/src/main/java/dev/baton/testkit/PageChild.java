package dev.baton.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a Page in a child JVM, as a separate OS process: a launcher main class on a class path,
 * its config written from a template ({@code @PORT@} replaced by an OS-picked port), its output in a log
 * file; SIGKILL, SIGTERM, SIGSTOP and SIGCONT. For several-instance tests and the failover benchmark.
 */
public final class PageChild {

    /** The framework's launcher ({@code dev.baton.launcher.PageLauncher CONFIG}). */
    public static final String LAUNCHER = "dev.baton.launcher.PageLauncher";
    /** Small heap, quick start: what a test that runs several instances on a small machine wants. */
    public static final List<String> SMALL_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public final String name;
    public final URI base;
    private final Process process;
    private final Path log;

    private PageChild(String name, URI base, Process process, Path log) {
        this.name = name;
        this.base = base;
        this.process = process;
        this.log = log;
    }

    /** The last lines of the child's output, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@link #LAUNCHER} on this JVM's class path, with {@link #SMALL_JVM}. */
    public static PageChild start(String name, Path dir, String yamlTemplate, Map<String, String> environment)
            throws IOException {
        return start(name, dir, yamlTemplate, environment, LAUNCHER, System.getProperty("java.class.path"),
                SMALL_JVM);
    }

    /**
     * Starts {@code mainClass CONFIG} on {@code classPath} with {@code jvmOptions}; the child's environment
     * gets {@code environment} and {@code INSTANCE=name}.
     */
    public static PageChild start(String name, Path dir, String yamlTemplate, Map<String, String> environment,
            String mainClass, String classPath, List<String> jvmOptions) throws IOException {
        int port = freePort();
        Path config = dir.resolve("page-" + name + ".yaml");
        Files.writeString(config, yamlTemplate.replace("@PORT@", Integer.toString(port)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass, config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("INSTANCE", name);
        builder.redirectErrorStream(true);
        Path log = dir.resolve("instance-" + name + ".log");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new PageChild(name, URI.create("http://127.0.0.1:" + port), builder.start(), log);
    }

    public boolean awaitReady(HttpClient client, Duration limit) throws InterruptedException {
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

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code destroyForcibly} sends on Linux), and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, the graceful stop; its exit code (SIGKILL after 60 s). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
