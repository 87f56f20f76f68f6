package dev.baton.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSetupConfig;
import dev.baton.event.Platform;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.setup.AppSubscription;
import dev.baton.graph.setup.SetupGraphClient;
import dev.baton.graph.setup.SubscribedApp;
import dev.baton.webhook.WebhookFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code setup page.yaml}: connects the Page to its apps as the config says. Per app: the Page-level
 * subscription ({@code POST /{page-id}/subscribed_apps} with the role's fields and the config's), and, when a
 * callback URL is known, the app-level one ({@code POST /{app-id}/subscriptions}, which makes Meta call the
 * callback with the verify token, so the Page deployment must be running there). Then the Messenger Profile.
 * Every write is preceded by a read and skipped when Meta already holds what the config asks (fields already
 * subscribed are kept, never removed), so running it twice changes nothing the second time; the profile costs
 * at most one read and one write of Meta's 10 calls per 10 minutes per Page.
 *
 * <p>{@code --dry-run} makes no call at all and prints each call it would make, tokens named by their owner.
 */
final class SetupCommand {

    private final PageSetupConfig configured;
    private final SetupGraphClient graph;
    private final ObjectMapper mapper;
    private final Redactor out;

    SetupCommand(PageSetupConfig configured, SetupGraphClient graph, ObjectMapper mapper, Redactor out) {
        this.configured = configured;
        this.graph = graph;
        this.mapper = mapper;
        this.out = out;
    }

    /** @return 0 when every step succeeded, 1 when one failed (the others are still tried) */
    int run(boolean dryRun) {
        PageConfig config = configured.config();
        String pageId = config.page().id();
        Platform platform = config.page().platform();
        String version = config.graph().version();
        List<SetupTarget> targets = SetupTarget.of(configured);
        out.println("baton setup: Page " + pageId + " (" + platform.name().toLowerCase(java.util.Locale.ROOT) + "), "
                + targets.size() + " app(s), Graph " + config.graph().baseUrl() + "/" + version
                + (dryRun ? " -- dry run, nothing is sent" : ""));
        int failures = 0;
        for (SetupTarget target : targets) {
            String who = "[" + target.name() + "] ";
            if (dryRun) {
                out.println(who + "GET  /" + version + "/" + pageId + "/subscribed_apps  (Page token of " + target.name() + ")");
                out.println(who + "POST /" + version + "/" + pageId + "/subscribed_apps subscribed_fields="
                        + String.join(",", target.fields()) + "  (Page token of " + target.name()
                        + "; skipped when already subscribed)");
                if (target.callbackUrl() == null) {
                    out.println(who + "no app-level subscription: set setup.publicUrl or setup.apps." + target.name()
                            + ".callbackUrl");
                } else {
                    out.println(who + "GET  /" + version + "/" + target.appId() + "/subscriptions  (app token of "
                            + target.name() + ")");
                    out.println(who + "POST /" + version + "/" + target.appId() + "/subscriptions object="
                            + WebhookFields.object(platform) + " callback_url=" + target.callbackUrl()
                            + " verify_token=<apps[" + target.name() + "].verifyToken> fields="
                            + String.join(",", target.fields()) + "  (app token of " + target.name()
                            + "; skipped when already subscribed)");
                }
                continue;
            }
            failures += step(who + "Page subscription", () -> subscribePage(target, pageId));
            if (target.callbackUrl() == null) {
                out.println(who + "app-level subscription skipped: no callback URL (set setup.publicUrl)");
            } else {
                failures += step(who + "app subscription", () -> subscribeApp(target, platform));
            }
        }
        failures += profile(SetupTarget.profileOwner(targets), platform, version, dryRun);
        out.println(failures == 0 ? "setup: done" : "setup: " + failures + " step(s) failed; see above, then run it again");
        return failures == 0 ? 0 : 1;
    }

    private String subscribePage(SetupTarget target, String pageId) {
        Optional<SubscribedApp> current = graph.subscribedApps(target.pageCredentials(), pageId).stream()
                .filter(app -> app.id().equals(target.appId())).findFirst();
        Set<String> fields = new LinkedHashSet<>(current.map(SubscribedApp::subscribedFields).orElse(List.of()));
        if (fields.containsAll(target.fields())) {
            return "already subscribed to " + String.join(",", target.fields());
        }
        fields.addAll(target.fields());
        graph.subscribePage(target.pageCredentials(), pageId, List.copyOf(fields));
        return "subscribed the Page to " + String.join(",", fields);
    }

    private String subscribeApp(SetupTarget target, Platform platform) {
        String object = WebhookFields.object(platform);
        Optional<AppSubscription> current = graph.appSubscriptions(target.appCredentials(), target.appId()).stream()
                .filter(subscription -> subscription.object().equals(object)).findFirst();
        if (current.isPresent() && target.callbackUrl().equals(current.get().callbackUrl())
                && current.get().fields().containsAll(target.fields())) {
            return "already calls " + target.callbackUrl() + " with " + String.join(",", target.fields());
        }
        Set<String> fields = new LinkedHashSet<>(target.fields());
        current.ifPresent(subscription -> fields.addAll(subscription.fields()));
        graph.subscribeApp(target.appCredentials(), target.appId(), object, target.callbackUrl(),
                target.app().verifyToken(), List.copyOf(fields));
        return "Meta verified " + target.callbackUrl() + " and subscribed object " + object + " to "
                + String.join(",", fields);
    }

    private int profile(SetupTarget owner, Platform platform, String version, boolean dryRun) {
        ObjectNode wanted = ProfileJson.of(configured.setup().profile(), platform, mapper);
        String who = "[profile] ";
        if (wanted.isEmpty()) {
            out.println(who + "no setup.profile in the config: the Messenger Profile is left alone");
            return 0;
        }
        List<String> names = ProfileJson.names(wanted);
        if (dryRun) {
            out.println(who + "GET  /" + version + "/me/messenger_profile?fields=" + String.join(",", names)
                    + (platform == Platform.INSTAGRAM ? "&platform=instagram" : "") + "  (Page token of " + owner.name() + ")");
            out.println(who + "POST /" + version + "/me/messenger_profile " + wanted + "  (Page token of " + owner.name()
                    + "; only the properties that differ)");
            return 0;
        }
        return step(who + "Messenger Profile", () -> {
            ObjectNode current = graph.profile(owner.pageCredentials(), names, platform);
            ObjectNode differences = ProfileJson.differences(wanted, current, mapper);
            if (differences.isEmpty()) {
                return "already in sync (" + String.join(", ", names) + ")";
            }
            if (differences.has("persistent_menu") && !differences.has("get_started") && wanted.has("get_started")) {
                differences.set("get_started", wanted.get("get_started").deepCopy()); // Meta checks them together
            }
            graph.setProfile(owner.pageCredentials(), differences, platform);
            return "set " + String.join(", ", ProfileJson.names(differences));
        });
    }

    private interface Step {
        String run();
    }

    /** Runs one step and prints its outcome; answers 1 when it failed. */
    private int step(String label, Step step) {
        try {
            out.println("OK    " + label + ": " + step.run());
            return 0;
        } catch (GraphException e) {
            out.println("FAIL  " + label + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("FAIL  " + label + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }
}
