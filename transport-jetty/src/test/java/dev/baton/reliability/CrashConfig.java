package dev.baton.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The child's {@code page.yaml}: the recorder app, the default SQLite store under {@code dir/data}. */
final class CrashConfig {

    private CrashConfig() {}

    static Path write(Path dir, int port, int workers, Path records) throws IOException {
        return write(dir, port, workers, records, "shutdownTimeout: 10s, drainPeriod: 0s");
    }

    /** {@code stopSettings}: the {@code server:} keys of the graceful stop, as YAML flow entries. */
    static Path write(Path dir, int port, int workers, Path records, String stopSettings) throws IOException {
        String yaml = """
                page: { id: "%s", platform: messenger }
                dataDir: "%s"
                graph: { baseUrl: "http://127.0.0.1:9", threadControl: send-api }
                server: { host: 127.0.0.1, port: %d, %s }
                store: { type: sqlite }
                dispatch: { workers: %d }
                apps:
                  - name: recorder
                    plugin: crash-recorder
                    appId: "111"
                    role: custom
                    secret: "${CRASH_SECRET}"
                    accessToken: "${CRASH_TOKEN}"
                    verifyToken: "${CRASH_VERIFY}"
                    settings: { file: "%s" }
                """.formatted(CrashRun.PAGE, dir.resolve("data"), port, stopSettings, workers, records);
        Path config = dir.resolve("page.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
