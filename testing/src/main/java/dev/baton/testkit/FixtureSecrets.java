package dev.baton.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Made-up secrets for each hosted app: fresh per fixture, so no test depends on a real one. */
final class FixtureSecrets {

    /** One app's three secrets. */
    record AppSecrets(String secret, String accessToken, String verifyToken) {
        @Override
        public String toString() {
            return "AppSecrets[****]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, AppSecrets> byName = new LinkedHashMap<>();
    private final Map<String, String> appIdByToken = new LinkedHashMap<>();

    FixtureSecrets(Iterable<FixtureApp> apps) {
        for (FixtureApp app : apps) {
            AppSecrets secrets = new AppSecrets(random(), "EAAT" + random(), random());
            byName.put(app.name(), secrets);
            appIdByToken.put(secrets.accessToken(), app.appId());
        }
    }

    AppSecrets of(String appName) {
        return byName.get(appName);
    }

    Map<String, String> appIdByToken() {
        return Map.copyOf(appIdByToken);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
