package dev.baton.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.ConfigException;
import dev.baton.config.PageConfigLoader;
import dev.baton.config.PageSetupConfig;
import dev.baton.graph.setup.SetupGraphClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator commands of a Page jar, beside serving: {@code setup [--dry-run] page.yaml} connects the Page to
 * its apps at Meta ({@link SetupCommand}), {@code doctor page.yaml} checks that connection ({@link DoctorCommand}).
 * The config path may also come from {@code BATON_CONFIG}. Exit codes: 0 done / nothing failed, 1 a step or check
 * failed, 2 the config cannot be used or the command line is wrong. Nothing either prints holds a secret: every
 * line passes a {@link Redactor} that knows all the config's secrets.
 */
public final class PageCommands {

    public static final String SETUP = "setup";
    public static final String DOCTOR = "doctor";

    private PageCommands() {}

    /** Whether {@code args} ask for one of these commands. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals(SETUP) || args[0].equals(DOCTOR));
    }

    /** Runs the command {@code args[0]}; answers the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String command = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        boolean dryRun = rest.remove("--dry-run");
        if (dryRun && command.equals(DOCTOR)) {
            err.println("baton: doctor is read-only already; --dry-run is for setup");
            return PageLauncher.EXIT_CONFIG;
        }
        if (rest.stream().anyMatch(arg -> arg.startsWith("--"))) {
            err.println("baton: usage: " + command + (command.equals(SETUP) ? " [--dry-run]" : "") + " page.yaml");
            return PageLauncher.EXIT_CONFIG;
        }
        PageSetupConfig configured;
        try {
            Path path = PageLauncher.configPath(rest.toArray(String[]::new), environment);
            configured = new PageConfigLoader(environment).loadWithSetup(path);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("baton: configuration error: " + oneLine(e.getMessage()));
            return PageLauncher.EXIT_CONFIG;
        }
        return run(command, configured, dryRun, out, Clock.systemUTC());
    }

    /** Runs a command against an already loaded config (tests, and teams that build their config in code). */
    public static int run(String command, PageSetupConfig configured, boolean dryRun, PrintStream out, Clock clock) {
        List<String> appTokens = configured.config().apps().stream()
                .map(app -> configured.setup().app(app.name()).appToken()).toList();
        Redactor redactor = new Redactor(configured.config().apps(), appTokens, out);
        ObjectMapper mapper = new ObjectMapper();
        SetupGraphClient graph = new SetupGraphClient(configured.config().graph(), mapper, new SimpleMeterRegistry());
        try {
            return switch (command) {
                case SETUP -> new SetupCommand(configured, graph, mapper, redactor).run(dryRun);
                case DOCTOR -> new DoctorCommand(configured, graph,
                        new CallbackProbe(configured.config().graph().requestTimeout()), mapper, redactor,
                        clock.instant()).run();
                default -> throw new IllegalArgumentException("unknown command " + command);
            };
        } catch (RuntimeException e) {
            redactor.println("baton " + command + ": failed: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            return 1;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.replaceAll("\\s+", " ").trim();
    }
}
