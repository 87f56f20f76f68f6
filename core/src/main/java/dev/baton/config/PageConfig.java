package dev.baton.config;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.AppRole;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Page deployment's configuration: the file a team writes (YAML or JSON, see {@link PageConfigLoader}),
 * secrets already taken from the environment. Every section but {@code page} and {@code apps} has defaults.
 * App names and app ids are unique. {@code toString()} prints no secret.
 */
public record PageConfig(
        PageSettings page,
        Path dataDir,
        GraphSettings graph,
        ServerSettings server,
        StoreSettings store,
        DispatchSettings dispatch,
        List<AppConfig> apps) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public PageConfig {
        requireNonNull(page, "page is null");
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        graph = graph == null ? GraphSettings.DEFAULTS : graph;
        server = server == null ? ServerSettings.DEFAULTS : server;
        store = store == null ? StoreSettings.DEFAULTS : store;
        dispatch = dispatch == null ? DispatchSettings.DEFAULTS : dispatch;
        apps = List.copyOf(requireNonNull(apps, "apps is null"));
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("at least one app must be configured");
        }
        Set<String> names = new HashSet<>();
        Set<String> appIds = new HashSet<>();
        for (AppConfig app : apps) {
            if (!names.add(app.name())) {
                throw new IllegalArgumentException("two apps are named " + app.name());
            }
            if (!appIds.add(app.appId())) {
                throw new IllegalArgumentException("two apps have the app id " + app.appId());
            }
        }
    }

    /** A config with every optional section at its default. */
    public static PageConfig of(PageSettings page, List<AppConfig> apps) {
        return new PageConfig(page, null, null, null, null, null, apps);
    }

    /** {@code page.defaultAppId}, else the app id of the hosted app with role DEFAULT, else empty. */
    public Optional<String> defaultAppId() {
        if (page.defaultAppId() != null) {
            return Optional.of(page.defaultAppId());
        }
        return apps.stream().filter(app -> app.role() == AppRole.DEFAULT).map(AppConfig::appId).findFirst();
    }

    public Optional<AppConfig> app(String name) {
        return apps.stream().filter(app -> app.name().equals(name)).findFirst();
    }

    public PageConfig withGraph(GraphSettings newGraph) {
        return new PageConfig(page, dataDir, newGraph, server, store, dispatch, apps);
    }

    public PageConfig withServer(ServerSettings newServer) {
        return new PageConfig(page, dataDir, graph, newServer, store, dispatch, apps);
    }

    public PageConfig withStore(StoreSettings newStore) {
        return new PageConfig(page, dataDir, graph, server, newStore, dispatch, apps);
    }

    public PageConfig withDispatch(DispatchSettings newDispatch) {
        return new PageConfig(page, dataDir, graph, server, store, newDispatch, apps);
    }

    public PageConfig withApps(List<AppConfig> newApps) {
        return new PageConfig(page, dataDir, graph, server, store, dispatch, newApps);
    }
}
