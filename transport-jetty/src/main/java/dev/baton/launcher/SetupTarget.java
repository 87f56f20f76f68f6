package dev.baton.launcher;

import dev.baton.config.AppConfig;
import dev.baton.config.AppSetup;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSetupConfig;
import dev.baton.graph.GraphCredentials;
import dev.baton.webhook.WebhookFields;
import dev.baton.spi.AppRole;
import java.util.ArrayList;
import java.util.List;

/**
 * One hosted app as {@code setup} and {@code doctor} see it: its Page token, its app token
 * ({@code setup.apps.<name>.appToken}, else {@code {app-id}|{app-secret}}), the webhook fields it needs (its role's
 * plus the config's) and where Meta should call it. {@link #toString()} shows no secret.
 */
record SetupTarget(AppConfig app, GraphCredentials pageCredentials, GraphCredentials appCredentials,
                   List<String> fields, String callbackUrl) {

    static List<SetupTarget> of(PageSetupConfig configured) {
        PageConfig config = configured.config();
        List<SetupTarget> targets = new ArrayList<>();
        for (AppConfig app : config.apps()) {
            AppSetup setup = configured.setup().app(app.name());
            String appToken = setup.appToken() != null ? setup.appToken() : app.appId() + "|" + app.secret();
            String callback = setup.callbackUrl() != null ? setup.callbackUrl()
                    : configured.setup().publicUrl() == null ? null
                    : configured.setup().publicUrl().replaceAll("/+$", "") + "/webhooks/" + app.name();
            targets.add(new SetupTarget(app,
                    new GraphCredentials(app.appId(), app.accessToken(), app.secret()),
                    new GraphCredentials(app.appId(), appToken, app.secret()),
                    WebhookFields.wanted(config.page().platform(), app.role(), setup.fields()), callback));
        }
        return List.copyOf(targets);
    }

    /**
     * The app whose Page token reads and writes the Page's Messenger Profile: the default-role app (Meta gates at
     * least the persistent menu to the Page's primary app), else the first app.
     */
    static SetupTarget profileOwner(List<SetupTarget> targets) {
        return targets.stream().filter(target -> target.app().role() == AppRole.DEFAULT).findFirst()
                .orElse(targets.get(0));
    }

    String name() {
        return app.name();
    }

    String appId() {
        return app.appId();
    }

    @Override
    public String toString() {
        return "SetupTarget[" + app.name() + ", appId=" + app.appId() + ", fields=" + fields + ", callbackUrl="
                + callbackUrl + "]";
    }
}
