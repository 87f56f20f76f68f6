package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.delivery.SubscriptionVerifier;
import dev.baton.emulator.delivery.WebhookEncoding;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import dev.baton.emulator.engine.SetupOperations;
import java.net.URI;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Graph API paths that connect apps to a Page (platform-facts §7–§9), beside {@link GraphApi}:
 * {@code /{page-id}/subscribed_apps} and {@code /me/messenger_profile} (also {@code /{page-id}/messenger_profile})
 * with a Page token; {@code /{app-id}/subscriptions} with the app token ({@code {app-id}|{app-secret}}), whose
 * POST makes Meta's verification GET to the callback before answering; {@code /debug_token}. These calls are
 * not subject to the Send API's per-Page rate nor to injected Graph faults; the profile has its own limit.
 */
final class SetupGraphApi {

    private static final Set<String> PAGE_EDGES = Set.of("subscribed_apps", "messenger_profile");

    private final SetupOperations setup;
    private final SubscriptionVerifier verifier;

    SetupGraphApi(SetupOperations setup, SubscriptionVerifier verifier) {
        this.setup = setup;
        this.verifier = verifier;
    }

    /** Whether {@code segments} name one of these paths. */
    static boolean handles(List<String> segments) {
        return segments.size() == 1 && segments.get(0).equals("debug_token")
                || segments.size() == 2 && (PAGE_EDGES.contains(segments.get(1)) || segments.get(1).equals("subscriptions"));
    }

    HttpAnswer handle(HttpCall call, List<String> segments, ObjectNode params, String version,
                      BiFunction<HttpCall, JsonNode, Caller> pageAuthentication) {
        String method = call.method();
        if (segments.size() == 1) {
            requireMethod(method, "GET", "debug_token");
            return HttpAnswer.ok(setup.debugToken(token(call, params).orElseThrow(() -> GraphError.invalidToken().exception()),
                    required(params, "input_token")));
        }
        String node = segments.get(0);
        String edge = segments.get(1);
        if (edge.equals("subscriptions")) {
            return HttpAnswer.ok(appSubscriptions(call, node, params, version));
        }
        Caller caller = pageAuthentication.apply(call, params);
        if (!node.equals("me") && !node.equals(caller.pageId())) {
            throw GraphError.objectNotFound(node).exception();
        }
        String platform = GraphParams.text(params, "platform");
        Map<String, Object> answer = switch (edge + " " + method) {
            case "subscribed_apps GET" -> setup.subscribedApps(caller);
            case "subscribed_apps POST" -> setup.subscribePage(caller, params.get("subscribed_fields"));
            case "subscribed_apps DELETE" -> setup.unsubscribePage(caller);
            case "messenger_profile GET" -> setup.profile(caller, platform, GraphParams.text(params, "fields"));
            case "messenger_profile POST" -> setup.setProfile(caller, platform, params);
            case "messenger_profile DELETE" -> setup.deleteProfile(caller, platform, params.get("fields"));
            default -> throw unsupported(method, edge);
        };
        return HttpAnswer.ok(answer);
    }

    private Map<String, Object> appSubscriptions(HttpCall call, String appId, ObjectNode params, String version) {
        String token = token(call, params).orElseThrow(() -> GraphError.invalidToken().exception());
        AppRegistration app = setup.appForToken(token).orElseThrow(() -> new GraphError(400, 190, 0, "OAuthException",
                "Invalid OAuth access token - /{app-id}/subscriptions needs the app access token").exception());
        String proof = GraphParams.text(params, "appsecret_proof");
        if (proof != null && !MessageDigest.isEqual(WebhookEncoding.appSecretProof(token, app.secret()).getBytes(UTF_8),
                proof.toLowerCase(Locale.ROOT).getBytes(UTF_8))) {
            throw GraphError.badAppSecretProof().exception();
        }
        if (!appId.equals(app.id())) {
            throw GraphError.objectNotFound(appId).exception();
        }
        switch (call.method()) {
            case "GET" -> {
                return setup.appSubscriptions(appId, version);
            }
            case "DELETE" -> {
                String object = GraphParams.text(params, "object");
                if (object != null) {
                    SetupOperations.platformOf(object);
                }
                return setup.unsubscribeApp(appId, object);
            }
            case "POST" -> {
                String object = required(params, "object");
                Set<String> fields = setup.appFields(object, params.get("fields"));
                URI callback = callbackUrl(required(params, "callback_url"));
                String verifyToken = required(params, "verify_token");
                // Meta checks the callback before answering; done outside the engine's lock.
                Optional<String> problem = verifier.check(callback, verifyToken);
                if (problem.isPresent()) {
                    throw new GraphError(400, 2200, 0, "OAuthException", "(#2200) Callback verification failed with "
                            + "the following errors: the callback URL " + problem.get()).exception();
                }
                return setup.subscribeApp(appId, object, callback, verifyToken, fields);
            }
            default -> throw unsupported(call.method(), "subscriptions");
        }
    }

    private static URI callbackUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw GraphError.invalidParameter("param callback_url must be a valid http(s) URL").exception();
    }

    private static Optional<String> token(HttpCall call, JsonNode params) {
        String token = GraphParams.text(params, "access_token");
        String authorization = call.header("authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        }
        return Optional.ofNullable(token);
    }

    private static void requireMethod(String method, String expected, String edge) {
        if (!method.equals(expected)) {
            throw unsupported(method, edge);
        }
    }

    private static String required(JsonNode params, String name) {
        String value = GraphParams.text(params, name);
        if (value == null || value.isBlank()) {
            throw GraphError.invalidParameter("param " + name + " is required").exception();
        }
        return value;
    }

    private static RuntimeException unsupported(String method, String edge) {
        return GraphError.invalidParameter("Unsupported " + method.toLowerCase(Locale.ROOT) + " request: " + edge)
                .exception();
    }
}
