package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * One Meta app connected to a registered Page, as {@code POST /_emulator/pages} describes it.
 * {@code standby} (default true) says whether it gets {@code standby[]} copies while another app owns a
 * thread; {@code canTakeControl} (default false) whether a send while not owning moves control to it.
 *
 * <p>{@code webhookUrl} and {@code verifyToken} are both null for an app of a fresh Page (see
 * {@link PageConnection#fresh()}): it tells Meta where to call through {@code POST /{app-id}/subscriptions}.
 *
 * <p>The secret, token and verify token never appear in {@link #toString()}.
 */
public record AppRegistration(
        String id,
        String name,
        String secret,
        String accessToken,
        URI webhookUrl,
        String verifyToken,
        boolean standby,
        boolean canTakeControl) {

    public AppRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(accessToken, "accessToken is null");
        if ((webhookUrl == null) != (verifyToken == null)) {
            throw new IllegalArgumentException("app " + id + ": give webhook_url and verify_token together, or neither");
        }
        name = name == null ? id : name;
        if (!id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("app id must be a numeric string: " + id);
        }
        if (secret.isBlank() || accessToken.isBlank() || verifyToken != null && verifyToken.isBlank()) {
            throw new IllegalArgumentException("app " + id + ": secret, access_token and verify_token must not be blank");
        }
        String scheme = webhookUrl == null ? "http" : webhookUrl.getScheme();
        if (webhookUrl != null && (!"http".equals(scheme) && !"https".equals(scheme) || webhookUrl.getHost() == null)) {
            throw new IllegalArgumentException("app " + id + ": webhook_url must be an absolute http(s) URL");
        }
    }

    /** An app with the defaults of the control API: on standby, cannot take control. */
    public static AppRegistration of(String id, String name, String secret, String accessToken, URI webhookUrl,
                                     String verifyToken) {
        return new AppRegistration(id, name, secret, accessToken, webhookUrl, verifyToken, true, false);
    }

    /** An app of a fresh Page: known to Meta (id, secret, Page token) but with no webhook yet. */
    public static AppRegistration unsubscribed(String id, String name, String secret, String accessToken) {
        return new AppRegistration(id, name, secret, accessToken, null, null, true, false);
    }

    /** The same app calling {@code webhookUrl} with {@code verifyToken} (its app-level subscription). */
    public AppRegistration withWebhook(URI newWebhookUrl, String newVerifyToken) {
        return new AppRegistration(id, name, secret, accessToken, newWebhookUrl, newVerifyToken, standby, canTakeControl);
    }

    public AppRegistration withStandby(boolean newStandby) {
        return new AppRegistration(id, name, secret, accessToken, webhookUrl, verifyToken, newStandby, canTakeControl);
    }

    public AppRegistration withCanTakeControl(boolean newCanTakeControl) {
        return new AppRegistration(id, name, secret, accessToken, webhookUrl, verifyToken, standby, newCanTakeControl);
    }

    @Override
    public String toString() {
        return "AppRegistration[id=" + id + ", name=" + name + ", webhookUrl=" + webhookUrl + ", standby=" + standby
                + ", canTakeControl=" + canTakeControl + "]";
    }
}
