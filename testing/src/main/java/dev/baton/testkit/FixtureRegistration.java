package dev.baton.testkit;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.PageRegistration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emulator's view of the fixture's Page: every hosted app with its webhook URL on the deployment's server. */
final class FixtureRegistration {

    private FixtureRegistration() {}

    static PageRegistration of(PageFixture.Builder builder, FixtureSecrets secrets, URI serverBase) {
        List<AppRegistration> apps = builder.apps.values().stream().map(app -> {
            FixtureSecrets.AppSecrets appSecrets = secrets.of(app.name());
            return AppRegistration.of(app.appId(), app.name(), appSecrets.secret(), appSecrets.accessToken(),
                            serverBase.resolve("/webhooks/" + app.name()), appSecrets.verifyToken())
                    .withStandby(app.standby())
                    .withCanTakeControl(app.canTakeControl());
        }).toList();
        Map<String, String> linkRoutes = new LinkedHashMap<>();
        builder.linkRoutes.forEach((ref, appName) -> linkRoutes.put(ref, builder.resolveAppId(appName)));
        String social = builder.socialApp == null ? null : builder.resolveAppId(builder.socialApp);
        return new PageRegistration(builder.pageId, builder.platform, apps, builder.defaultAppId(), linkRoutes, social,
                null);
    }
}
