package dev.baton.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSetupConfig;
import dev.baton.event.Platform;
import dev.baton.graph.MessagingFeatureStatus;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.setup.AppSubscription;
import dev.baton.graph.setup.SetupGraphClient;
import dev.baton.graph.setup.SubscribedApp;
import dev.baton.graph.setup.TokenInfo;
import dev.baton.webhook.WebhookFields;
import dev.baton.spi.AppRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code doctor page.yaml}: read-only checks of how the Page is connected, each printed as OK, WARN or FAIL with
 * what to do. The config (exactly one default app); every Page token ({@code debug_token}: valid, this app's,
 * a Page token for this Page, with {@code pages_messaging} and, on Instagram, {@code instagram_basic} and
 * {@code instagram_manage_messages}); every app's Page-level and app-level subscription against the fields its
 * role needs; {@code messaging_feature_status} and the thread-control path Baton will take; the callback
 * answering Meta's verification GET when a public URL is configured; the Messenger Profile against the config.
 * Exit code 0 when nothing failed (warnings allowed), 1 otherwise. Makes one profile call of Meta's ten per ten
 * minutes.
 */
final class DoctorCommand {

    private final PageSetupConfig configured;
    private final SetupGraphClient graph;
    private final CallbackProbe probe;
    private final ObjectMapper mapper;
    private final Redactor out;
    private final Instant now;

    DoctorCommand(PageSetupConfig configured, SetupGraphClient graph, CallbackProbe probe, ObjectMapper mapper,
                  Redactor out, Instant now) {
        this.configured = configured;
        this.graph = graph;
        this.probe = probe;
        this.mapper = mapper;
        this.out = out;
        this.now = now;
    }

    int run() {
        PageConfig config = configured.config();
        List<SetupTarget> targets = SetupTarget.of(configured);
        out.println("baton doctor: Page " + config.page().id() + " (" + platformName() + "), " + targets.size()
                + " app(s), Graph " + config.graph().baseUrl() + "/" + config.graph().version());
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(defaultApp(config));
        for (SetupTarget target : targets) {
            checks.add(guard("token " + target.name(), () -> token(target)));
            checks.add(guard("page subscription " + target.name(), () -> pageSubscription(target)));
            checks.add(guard("app subscription " + target.name(), () -> appSubscription(target)));
            if (target.callbackUrl() != null) {
                checks.add(callback(target));
            }
        }
        SetupTarget owner = SetupTarget.profileOwner(targets);
        checks.add(guard("thread control", () -> threadControl(owner)));
        if (configured.setup().publicUrl() == null && targets.stream().allMatch(target -> target.callbackUrl() == null)) {
            checks.add(DoctorCheck.warn("callback", "not checked: no setup.publicUrl",
                    "set setup.publicUrl to the deployment's public base URL to check Meta can reach it"));
        }
        checks.add(guard("profile", () -> profile(owner)));
        int ok = 0;
        int warn = 0;
        int fail = 0;
        for (DoctorCheck check : checks) {
            out.println(String.format(Locale.ROOT, "%-5s %s: %s", check.status(), check.subject(), check.finding()));
            if (check.advice() != null) {
                out.println("      -> " + check.advice());
            }
            switch (check.status()) {
                case OK -> ok++;
                case WARN -> warn++;
                case FAIL -> fail++;
            }
        }
        out.println("doctor: " + ok + " OK, " + warn + " WARN, " + fail + " FAIL");
        return fail == 0 ? 0 : 1;
    }

    private DoctorCheck defaultApp(PageConfig config) {
        List<AppConfig> defaults = config.apps().stream().filter(app -> app.role() == AppRole.DEFAULT).toList();
        if (defaults.size() > 1) {
            return DoctorCheck.fail("config", defaults.size() + " apps have role default ("
                    + String.join(", ", defaults.stream().map(AppConfig::name).toList()) + ")",
                    "Meta has one default app per Page: give exactly one app role default, the others marketing, "
                            + "inbox or custom");
        }
        if (defaults.isEmpty()) {
            return config.page().defaultAppId() != null
                    ? DoctorCheck.ok("config", "the default app " + config.page().defaultAppId() + " is not hosted here")
                    : DoctorCheck.warn("config", "no app has role default and page.defaultAppId is not set",
                    "without a default app Meta runs the Page in zero-config mode (every app gets every message)");
        }
        return DoctorCheck.ok("config", "exactly one default app: " + defaults.get(0).name() + " ("
                + defaults.get(0).appId() + ")");
    }

    private DoctorCheck token(SetupTarget target) {
        String subject = "token " + target.name();
        String pageId = configured.config().page().id();
        TokenInfo info = graph.debugToken(target.appCredentials(), target.app().accessToken());
        String fix = "give apps[" + target.name() + "].accessToken a Page token of app " + target.appId()
                + " for Page " + pageId + " (Meta Business Suite or /me/accounts)";
        if (!info.valid()) {
            return DoctorCheck.fail(subject, "the Page token is not valid (" + Optional.ofNullable(info.error())
                    .orElse("expired or revoked") + ")", fix);
        }
        if (info.appId() != null && !info.appId().equals(target.appId())) {
            return DoctorCheck.fail(subject, "the token belongs to app " + info.appId() + ", not " + target.appId(), fix);
        }
        if (info.type() != null && !info.type().equalsIgnoreCase("PAGE")) {
            return DoctorCheck.fail(subject, "a " + info.type() + " token, not a Page token", fix);
        }
        if (info.profileId() != null && !info.profileId().equals(pageId)) {
            return DoctorCheck.fail(subject, "a Page token for Page " + info.profileId() + ", not this Page " + pageId, fix);
        }
        List<String> needed = configured.config().page().platform() == Platform.INSTAGRAM
                ? List.of("pages_messaging", "instagram_basic", "instagram_manage_messages") : List.of("pages_messaging");
        List<String> missing = needed.stream().filter(scope -> !info.scopes().contains(scope)).toList();
        if (!missing.isEmpty()) {
            return DoctorCheck.fail(subject, "the token lacks " + String.join(", ", missing),
                    "grant " + String.join(", ", missing) + " to app " + target.appId()
                            + " (App Review for live apps) and issue a new Page token");
        }
        if (!info.scopes().contains("pages_manage_metadata")) {
            return DoctorCheck.warn(subject, "valid, but without pages_manage_metadata",
                    "setup needs pages_manage_metadata to subscribe the Page to the app's webhooks");
        }
        if (info.expiresAt() > 0 && Instant.ofEpochSecond(info.expiresAt()).isBefore(now.plusSeconds(7 * 86_400))) {
            return DoctorCheck.warn(subject, "valid, but expires at " + Instant.ofEpochSecond(info.expiresAt()),
                    "use a long-lived Page token (from a long-lived user token) that does not expire");
        }
        return DoctorCheck.ok(subject, "a Page token of app " + target.appId() + " for this Page, with "
                + String.join(", ", needed));
    }

    private DoctorCheck pageSubscription(SetupTarget target) {
        String subject = "page subscription " + target.name();
        Optional<SubscribedApp> app = graph.subscribedApps(target.pageCredentials(), configured.config().page().id())
                .stream().filter(item -> item.id().equals(target.appId())).findFirst();
        if (app.isEmpty()) {
            return DoctorCheck.fail(subject, "app " + target.appId() + " is not subscribed to the Page",
                    "run setup (POST /{page-id}/subscribed_apps): Meta delivers nothing to this app");
        }
        List<String> missing = target.fields().stream().filter(field -> !app.get().subscribedFields().contains(field)).toList();
        if (!missing.isEmpty()) {
            return DoctorCheck.fail(subject, "not subscribed to " + String.join(", ", missing) + consequences(missing),
                    "run setup to add them");
        }
        return DoctorCheck.ok(subject, String.join(",", target.fields()));
    }

    private DoctorCheck appSubscription(SetupTarget target) {
        String subject = "app subscription " + target.name();
        String object = WebhookFields.object(configured.config().page().platform());
        Optional<AppSubscription> subscription = graph.appSubscriptions(target.appCredentials(), target.appId()).stream()
                .filter(item -> item.object().equals(object)).findFirst();
        if (subscription.isEmpty() || !subscription.get().active()) {
            return DoctorCheck.fail(subject, "app " + target.appId() + " has no active webhook for object " + object,
                    target.callbackUrl() == null ? "set setup.publicUrl and run setup" : "run setup");
        }
        List<String> missing = target.fields().stream().filter(field -> !subscription.get().fields().contains(field))
                .toList();
        if (!missing.isEmpty()) {
            return DoctorCheck.fail(subject, "the app's webhook lacks " + String.join(", ", missing) + consequences(missing),
                    "run setup to add them");
        }
        if (target.callbackUrl() != null && !target.callbackUrl().equals(subscription.get().callbackUrl())) {
            return DoctorCheck.fail(subject, "Meta posts to " + subscription.get().callbackUrl() + ", the config says "
                    + target.callbackUrl(), "run setup to point the app's webhook here");
        }
        return DoctorCheck.ok(subject, "Meta posts to " + subscription.get().callbackUrl());
    }

    private DoctorCheck callback(SetupTarget target) {
        String subject = "callback " + target.name();
        Optional<String> problem = probe.check(target.callbackUrl(), target.app().verifyToken());
        return problem.map(found -> DoctorCheck.fail(subject, target.callbackUrl() + " " + found,
                        "make the deployment reachable there (TLS, firewall, reverse proxy) with the same verifyToken"))
                .orElseGet(() -> DoctorCheck.ok(subject, target.callbackUrl() + " answers Meta's verification GET"));
    }

    private DoctorCheck threadControl(SetupTarget owner) {
        Platform platform = configured.config().page().platform();
        MessagingFeatureStatus status = graph.messagingFeatureStatus(owner.pageCredentials());
        boolean routing = status.conversationRouting(platform);
        String configuredMode = configured.config().graph().threadControl();
        String mode = configuredMode.equals("auto") ? (routing ? "send-api" : "handover-protocol") : configuredMode;
        String finding = "Conversation Routing is " + (routing ? "on" : "off") + " (messaging_feature_status "
                + (platform == Platform.INSTAGRAM ? "ig_multi_app" : "msgr_multi_app") + "=" + routing
                + "); Baton will use " + mode + (configuredMode.equals("auto") ? " (graph.threadControl: auto)" : "");
        boolean hostsDefault = configured.config().apps().stream().anyMatch(app -> app.role() == AppRole.DEFAULT);
        if (mode.equals("send-api") && !routing) {
            return DoctorCheck.fail("thread control", finding, "the Send API's thread_control works only with "
                    + "Conversation Routing on: set a default app in Page settings, or graph.threadControl: auto");
        }
        if (!routing && hostsDefault) {
            return DoctorCheck.warn("thread control", finding, "set the default app in the Page's settings "
                    + "(Advanced messaging, Conversation Routing): Meta does not know the config's default app");
        }
        if (mode.equals("handover-protocol") && routing) {
            return DoctorCheck.warn("thread control", finding, "under Conversation Routing take and request are "
                    + "refused; set graph.threadControl: auto");
        }
        return DoctorCheck.ok("thread control", finding);
    }

    private DoctorCheck profile(SetupTarget owner) {
        Platform platform = configured.config().page().platform();
        ObjectNode wanted = ProfileJson.of(configured.setup().profile(), platform, mapper);
        if (wanted.isEmpty()) {
            return DoctorCheck.ok("profile", "no setup.profile in the config: not checked");
        }
        ObjectNode current = graph.profile(owner.pageCredentials(), ProfileJson.names(wanted), platform);
        ObjectNode differences = ProfileJson.differences(wanted, current, mapper);
        if (differences.isEmpty()) {
            return DoctorCheck.ok("profile", "in sync with the config (" + String.join(", ", ProfileJson.names(wanted)) + ")");
        }
        return DoctorCheck.warn("profile", "differs from the config: " + String.join(", ", ProfileJson.names(differences)),
                "run setup to write the config's profile (someone changed it, or setup has not run)");
    }

    private static String consequences(List<String> missing) {
        List<String> notes = new ArrayList<>();
        if (missing.contains("standby")) {
            notes.add("it will not see conversations another app owns");
        }
        if (missing.contains("messaging_handovers") || missing.contains("messaging_handover")) {
            notes.add("it will not learn when it is given a thread");
        }
        if (missing.contains("messages")) {
            notes.add("it will not get the person's messages");
        }
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /** A check that could not be made (Meta refused the read, or no answer) is a failure, said as such. */
    private DoctorCheck guard(String subject, Supplier<DoctorCheck> check) {
        try {
            return check.get();
        } catch (GraphException e) {
            return DoctorCheck.fail(subject, "cannot check: " + e.getMessage(), e.advice());
        } catch (RuntimeException e) {
            return DoctorCheck.fail(subject, "cannot check: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private String platformName() {
        return configured.config().page().platform().name().toLowerCase(Locale.ROOT);
    }
}
