package dev.baton.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The child's {@code page.yaml}: the recorder app, the default SQLite store under {@code dir/data}. */
final class CrashConfig {

    private static final String NO_GRAPH = "http://127.0.0.1:9";

    private CrashConfig() {}

    /** The recorder without Graph calls (the Graph URL is a closed port). */
    static Path write(Path dir, int port, int workers, Path records, String stopSettings) throws IOException {
        return write(dir, port, workers, records, stopSettings, NO_GRAPH, "");
    }

    /**
     * The recorder replying and passing each message to {@code passTo} through the Graph API at
     * {@code graphBaseUrl} (the emulator), writing each call's outcome to {@code calls}; its run id comes
     * from the child's {@code CRASH_RUN} variable, set anew at every start.
     */
    static Path writeWithCalls(Path dir, int port, int workers, Path records, String graphBaseUrl, Path calls,
            String passTo) throws IOException {
        return write(dir, port, workers, records, "shutdownTimeout: 10s, drainPeriod: 0s", graphBaseUrl,
                ", calls: \"%s\", passTo: \"%s\", run: \"${CRASH_RUN}\"".formatted(calls, passTo));
    }

    /** {@code stopSettings}: the {@code server:} keys of the graceful stop, as YAML flow entries. */
    private static Path write(Path dir, int port, int workers, Path records, String stopSettings, String graph,
            String callSettings) throws IOException {
        String yaml = """
                page: { id: "%s", platform: messenger }
                dataDir: "%s"
                graph: { baseUrl: "%s", threadControl: send-api }
                server: { host: 127.0.0.1, port: %d, %s }
                store: { type: sqlite }
                dispatch: { workers: %d }
                apps:
                  - name: recorder
                    plugin: crash-recorder
                    appId: "%s"
                    role: custom
                    secret: "${CRASH_SECRET}"
                    accessToken: "${CRASH_TOKEN}"
                    verifyToken: "${CRASH_VERIFY}"
                    settings: { file: "%s"%s }
                """.formatted(CrashRun.PAGE, dir.resolve("data"), graph, port, stopSettings, workers, CrashRun.APP,
                records, callSettings);
        Path config = dir.resolve("page.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
