package dev.baton.graph.setup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.Platform;
import dev.baton.graph.GraphCredentials;
import dev.baton.config.GraphSettings;
import dev.baton.graph.MessagingFeatureStatus;
import dev.baton.graph.GraphHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Graph API calls that connect a Page to its apps (platform-facts §7–§9): Page-level and app-level webhook
 * subscriptions, the Messenger Profile and token introspection. Made through {@link GraphHttp}, so tokens go in
 * the {@code Authorization} header with {@code appsecret_proof}, never in a log or an error text (the one
 * exception Meta forces, {@code debug_token}'s {@code input_token}, is a query parameter; GraphHttp logs no
 * URL). No retries: these are operator commands, and a failure is reported as it is. Thread-safe.
 */
public final class SetupGraphClient {

    private static final String PROFILE_PATH = "me/messenger_profile";

    private final GraphHttp http;
    private final ObjectMapper mapper;

    public SetupGraphClient(GraphSettings settings, ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.http = new GraphHttp(requireNonNull(settings, "settings is null"), mapper,
                requireNonNull(registry, "registry is null"));
    }

    /** {@code GET /{page-id}/subscribed_apps} with a Page token: every app installed on the Page. */
    public List<SubscribedApp> subscribedApps(GraphCredentials page, String pageId) {
        JsonNode answer = http.call(page, "subscribed_apps", "GET", pageId + "/subscribed_apps", Map.of(), null);
        List<SubscribedApp> apps = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            apps.add(new SubscribedApp(item.path("id").asText(), item.path("name").asText(null),
                    texts(item.path("subscribed_fields"))));
        }
        return List.copyOf(apps);
    }

    /** {@code POST /{page-id}/subscribed_apps?subscribed_fields=a,b}: the token's app, at the Page level. */
    public void subscribePage(GraphCredentials page, String pageId, List<String> fields) {
        ObjectNode body = mapper.createObjectNode().put("subscribed_fields", String.join(",", fields));
        http.call(page, "subscribed_apps", "POST", pageId + "/subscribed_apps", Map.of(), body);
    }

    /** {@code DELETE /{page-id}/subscribed_apps}: removes the token's app from the Page. */
    public void unsubscribePage(GraphCredentials page, String pageId) {
        http.call(page, "subscribed_apps", "DELETE", pageId + "/subscribed_apps", Map.of(), null);
    }

    /** {@code GET /{app-id}/subscriptions} with the app token. */
    public List<AppSubscription> appSubscriptions(GraphCredentials app, String appId) {
        JsonNode answer = http.call(app, "subscriptions", "GET", appId + "/subscriptions", Map.of(), null);
        List<AppSubscription> subscriptions = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            List<String> fields = new ArrayList<>();
            item.path("fields").forEach(field -> fields.add(field.isTextual() ? field.asText() : field.path("name").asText()));
            subscriptions.add(new AppSubscription(item.path("object").asText(), item.path("callback_url").asText(null),
                    item.path("active").asBoolean(false), fields));
        }
        return List.copyOf(subscriptions);
    }

    /**
     * {@code POST /{app-id}/subscriptions} with the app token: Meta makes its verification GET to
     * {@code callbackUrl} with {@code verifyToken} before answering. The verify token travels in the body.
     */
    public void subscribeApp(GraphCredentials app, String appId, String object, String callbackUrl, String verifyToken,
                             List<String> fields) {
        ObjectNode body = mapper.createObjectNode()
                .put("object", object)
                .put("callback_url", callbackUrl)
                .put("verify_token", verifyToken)
                .put("fields", String.join(",", fields))
                .put("include_values", true);
        http.call(app, "subscriptions", "POST", appId + "/subscriptions", Map.of(), body);
    }

    /** {@code GET /me/messenger_profile?fields=...}: the properties set, as Meta returns them (an empty object when none). */
    public ObjectNode profile(GraphCredentials page, List<String> fields, Platform platform) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", String.join(",", fields));
        if (platform == Platform.INSTAGRAM) {
            query.put("platform", "instagram");
        }
        JsonNode data = http.call(page, "messenger_profile", "GET", PROFILE_PATH, query, null).path("data");
        return data.isArray() && !data.isEmpty() && data.get(0).isObject() ? (ObjectNode) data.get(0).deepCopy()
                : mapper.createObjectNode();
    }

    /** {@code POST /me/messenger_profile}: only the properties in {@code properties} are overwritten. */
    public void setProfile(GraphCredentials page, ObjectNode properties, Platform platform) {
        ObjectNode body = properties.deepCopy();
        if (platform == Platform.INSTAGRAM) {
            body.put("platform", "instagram");
        }
        http.call(page, "messenger_profile", "POST", PROFILE_PATH, platformQuery(platform), body);
    }

    /** {@code DELETE /me/messenger_profile} with {@code {"fields":[...]}}. */
    public void deleteProfile(GraphCredentials page, List<String> fields, Platform platform) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode names = body.putArray("fields");
        fields.forEach(names::add);
        http.call(page, "messenger_profile", "DELETE", PROFILE_PATH, platformQuery(platform), body);
    }

    /** {@code GET /debug_token?input_token=...}, asked with {@code asking} (the app token, or the token itself). */
    public TokenInfo debugToken(GraphCredentials asking, String inputToken) {
        JsonNode data = http.call(asking, "debug_token", "GET", "debug_token", Map.of("input_token", inputToken), null)
                .path("data");
        JsonNode error = data.path("error");
        return new TokenInfo(data.path("is_valid").asBoolean(false), data.path("app_id").asText(null),
                data.path("type").asText(null), data.path("profile_id").asText(null), texts(data.path("scopes")),
                data.path("expires_at").asLong(0), error.isObject() ? error.path("message").asText("invalid") : null);
    }

    /** {@code GET /me?fields=messaging_feature_status} with a Page token. */
    public MessagingFeatureStatus messagingFeatureStatus(GraphCredentials page) {
        JsonNode status = http.call(page, "messaging_feature_status", "GET", "me",
                Map.of("fields", "messaging_feature_status"), null).path("messaging_feature_status");
        return new MessagingFeatureStatus(status.path("hop_v2").asBoolean(false),
                status.path("msgr_multi_app").asBoolean(false), status.path("ig_multi_app").asBoolean(false));
    }

    private static Map<String, String> platformQuery(Platform platform) {
        return platform == Platform.INSTAGRAM ? Map.of("platform", "instagram") : Map.of();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
