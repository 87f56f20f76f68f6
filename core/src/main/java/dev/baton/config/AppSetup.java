package dev.baton.config;

import java.util.List;

/**
 * {@code setup.apps.<name>}: what one hosted app adds to the role's webhook fields, where Meta should call it,
 * and its app access token for the app-level calls ({@code /{app-id}/subscriptions}, {@code debug_token}).
 *
 * @param fields      webhook fields beyond the role's required set ({@code message_reads}, {@code message_reactions}...)
 * @param callbackUrl the URL Meta posts to, when not {@code setup.publicUrl + /webhooks/{name}}
 * @param appToken    the app access token, only as {@code ${ENV}}; null means {@code {app-id}|{app-secret}},
 *                    which Meta accepts as one
 */
public record AppSetup(List<String> fields, String callbackUrl, String appToken) {

    public static final AppSetup EMPTY = new AppSetup(List.of(), null, null);

    public AppSetup {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    @Override
    public String toString() {
        return "AppSetup[fields=" + fields + ", callbackUrl=" + callbackUrl + ", appToken="
                + (appToken == null ? "derived" : "****") + "]";
    }
}
