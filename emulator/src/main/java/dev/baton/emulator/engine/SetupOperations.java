package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import dev.baton.event.Platform;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How apps connect to a Page through the Graph API (platform-facts §7–§9): Page-level subscriptions
 * ({@code subscribed_apps}), app-level ones ({@code /{app-id}/subscriptions}), the Messenger Profile with
 * Meta's limits and its 10 calls per 10 minutes per Page, and {@code debug_token}. Runs on the
 * {@link RoutingEngine}'s lock. A refused call throws {@link GraphApiException} and changes nothing.
 */
public final class SetupOperations {

    static final int PROFILE_CALLS = 10;
    static final Duration PROFILE_WINDOW = Duration.ofMinutes(10);

    private final RoutingEngine engine;
    private final Subscriptions subscriptions;

    SetupOperations(RoutingEngine engine, Subscriptions subscriptions) {
        this.engine = engine;
        this.subscriptions = subscriptions;
    }

    // ---- Page level ----

    /** {@code GET /{page-id}/subscribed_apps}: every app installed on the Page, as Meta lists them. */
    public Map<String, Object> subscribedApps(Caller caller) {
        return locked(() -> {
            requireScope(caller, "pages_manage_metadata");
            PageState page = engine.page(caller.pageId());
            List<Map<String, Object>> data = new ArrayList<>();
            subscriptions.pageSubscriptions(page.id()).forEach((appId, fields) -> page.app(appId).ifPresent(app -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("category", "Business");
                item.put("link", "https://apps.emulator.test/" + app.id());
                item.put("name", app.name());
                item.put("id", app.id());
                item.put("subscribed_fields", ordered(fields, Subscriptions.fieldsOf(page.registration.platform())));
                data.add(item);
            }));
            return Map.of("data", data);
        });
    }

    /** {@code POST /{page-id}/subscribed_apps}: installs the caller's app with exactly these fields. */
    public Map<String, Object> subscribePage(Caller caller, JsonNode subscribedFields) {
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            requireScope(caller, "pages_manage_metadata");
            requireScope(caller, messagingScope(page.registration.platform()));
            Set<String> fields = fields(subscribedFields, "subscribed_fields", page.registration.platform());
            subscriptions.subscribePage(page.id(), caller.app().id(), fields);
            return Map.of("success", "true");
        });
    }

    /** {@code DELETE /{page-id}/subscribed_apps}: the caller's app stops getting the Page's webhooks. */
    public Map<String, Object> unsubscribePage(Caller caller) {
        return locked(() -> {
            requireScope(caller, "pages_manage_metadata");
            subscriptions.unsubscribePage(caller.pageId(), caller.app().id());
            return Map.of("success", true);
        });
    }

    // ---- app level ----

    /** The app an app access token ({@code {app-id}|{app-secret}}) stands for. */
    public Optional<AppRegistration> appForToken(String token) {
        int bar = token.indexOf('|');
        if (bar <= 0) {
            return Optional.empty();
        }
        String appId = token.substring(0, bar);
        String secret = token.substring(bar + 1);
        return locked(() -> engine.callersOfApp(appId).stream().map(Caller::app)
                .filter(app -> java.security.MessageDigest.isEqual(app.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .findFirst());
    }

    /** The fields of an app-level subscription of {@code object}, checked against that object's names. */
    public Set<String> appFields(String object, JsonNode fields) {
        return fields(fields, "fields", platformOf(object));
    }

    /** Records an app-level subscription whose verification GET has already succeeded. */
    public Map<String, Object> subscribeApp(String appId, String object, URI callbackUrl, String verifyToken,
                                            Set<String> fields) {
        return locked(() -> {
            subscriptions.subscribeApp(appId, object, callbackUrl, verifyToken, fields);
            return Map.of("success", "true");
        });
    }

    /** {@code GET /{app-id}/subscriptions}. */
    public Map<String, Object> appSubscriptions(String appId, String version) {
        return locked(() -> {
            List<Map<String, Object>> data = new ArrayList<>();
            for (Subscriptions.AppLevel subscription : subscriptions.appSubscriptions(appId)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("object", subscription.object());
                item.put("callback_url", subscription.callbackUrl().toString());
                item.put("active", true);
                item.put("fields", ordered(subscription.fields(), Subscriptions.fieldsOf(platformOf(subscription.object())))
                        .stream().map(name -> Map.of("name", name, "version", version)).toList());
                data.add(item);
            }
            return Map.of("data", data);
        });
    }

    /** {@code DELETE /{app-id}/subscriptions} (not in Meta's stored docs; clients call it): one object, or all. */
    public Map<String, Object> unsubscribeApp(String appId, String object) {
        return locked(() -> {
            subscriptions.unsubscribeApp(appId, object);
            return Map.of("success", true);
        });
    }

    /** {@code page} or {@code instagram}, the objects Messenger apps subscribe to. */
    public static Platform platformOf(String object) {
        return switch (object) {
            case "page" -> Platform.MESSENGER;
            case "instagram" -> Platform.INSTAGRAM;
            default -> throw GraphError.invalidParameter("param object must be page or instagram").exception();
        };
    }

    // ---- Messenger Profile ----

    public Map<String, Object> profile(Caller caller, String platform, String fields) {
        return locked(() -> {
            PageState page = profileCall(caller, platform);
            if (fields == null || fields.isBlank()) {
                throw GraphError.invalidParameter("The parameter fields is required").exception();
            }
            ObjectNode data = page.profile.objectNode();
            for (String field : fields.split(",")) {
                String name = field.strip();
                if (!ProfileRules.PROPERTIES.contains(name)) {
                    throw GraphError.invalidParameter("param fields must name messenger_profile properties; " + name
                            + " is not one").exception();
                }
                if (page.profile.has(name)) {
                    data.set(name, page.profile.get(name).deepCopy());
                }
            }
            return Map.of("data", data.isEmpty() ? List.of() : List.of(data));
        });
    }

    public Map<String, Object> setProfile(Caller caller, String platform, ObjectNode body) {
        return locked(() -> {
            PageState page = profileCall(caller, platform);
            ProfileRules.checkPost(body, page.profile, page.registration.platform());
            ObjectNode next = page.profile.deepCopy();
            body.properties().forEach(property -> {
                if (ProfileRules.PROPERTIES.contains(property.getKey())) {
                    next.set(property.getKey(), property.getValue().deepCopy());
                }
            });
            page.profile = next;
            return Map.of("result", "success");
        });
    }

    public Map<String, Object> deleteProfile(Caller caller, String platform, JsonNode fields) {
        return locked(() -> {
            PageState page = profileCall(caller, platform);
            if (fields == null || !fields.isArray() || fields.isEmpty()) {
                throw GraphError.invalidParameter("param fields must be a non-empty array of property names").exception();
            }
            Set<String> names = new LinkedHashSet<>();
            fields.forEach(field -> names.add(field.asText()));
            ProfileRules.checkDelete(names, page.profile);
            ObjectNode next = page.profile.deepCopy();
            names.forEach(next::remove);
            page.profile = next;
            return Map.of("result", "success");
        });
    }

    /** Auth, platform and Meta's 10 calls per 10 minutes per Page; a call refused for the rate is not counted. */
    private PageState profileCall(Caller caller, String platform) {
        PageState page = engine.page(caller.pageId());
        requireScope(caller, messagingScope(page.registration.platform()));
        boolean instagramAsked = "instagram".equals(platform);
        if (platform != null && !platform.equals("instagram") && !platform.equals("messenger")) {
            throw GraphError.invalidParameter("param platform must be instagram or messenger").exception();
        }
        if (instagramAsked != (page.registration.platform() == Platform.INSTAGRAM)) {
            throw GraphError.invalidParameter(instagramAsked
                    ? "platform=instagram, but this Page has no Instagram account in the emulator"
                    : "this is an Instagram account: add platform=instagram").exception();
        }
        Instant now = engine.clock().instant();
        while (!page.profileCalls.isEmpty() && !page.profileCalls.peekFirst().isAfter(now.minus(PROFILE_WINDOW))) {
            page.profileCalls.removeFirst();
        }
        if (page.profileCalls.size() >= PROFILE_CALLS) {
            throw new GraphError(400, 613, 0, "OAuthException", "(#613) Calls to messenger_profile have exceeded the "
                    + "rate limit of " + PROFILE_CALLS + " calls per 10 minutes for this Page.").exception();
        }
        page.profileCalls.addLast(now);
        return page;
    }

    // ---- debug_token ----

    /**
     * {@code GET /debug_token?input_token=}: asked with the app token of the input token's app, or with the
     * input token itself. Never echoes a token.
     */
    public Map<String, Object> debugToken(String askingToken, String inputToken) {
        Optional<AppRegistration> askingApp = appForToken(askingToken);
        return locked(() -> {
            Optional<Caller> askingPage = engine.callerForToken(askingToken);
            if (askingApp.isEmpty() && askingPage.isEmpty()) {
                throw GraphError.invalidToken().exception();
            }
            String askingAppId = askingApp.map(AppRegistration::id).orElseGet(() -> askingPage.get().app().id());
            Map<String, Object> data = new LinkedHashMap<>();
            Optional<Caller> pageToken = engine.callerForToken(inputToken);
            Optional<AppRegistration> appToken = pageToken.isPresent() ? Optional.empty() : appForToken(inputToken);
            if (pageToken.isEmpty() && appToken.isEmpty()) {
                data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token."));
                data.put("is_valid", false);
                data.put("scopes", List.of());
                return Map.of("data", data);
            }
            String inputAppId = pageToken.map(caller -> caller.app().id()).orElseGet(() -> appToken.get().id());
            if (!inputAppId.equals(askingAppId)) {
                throw GraphError.invalidParameter("The App_id in the input_token did not match the Viewing App")
                        .exception();
            }
            if (pageToken.isPresent()) {
                Caller caller = pageToken.get();
                List<String> scopes = engine.scopes(inputToken);
                data.put("app_id", caller.app().id());
                data.put("type", "PAGE");
                data.put("application", caller.app().name());
                data.put("data_access_expires_at", engine.clock().instant().plus(Duration.ofDays(90)).getEpochSecond());
                data.put("expires_at", 0);
                data.put("is_valid", true);
                data.put("profile_id", caller.pageId());
                data.put("scopes", scopes);
                data.put("granular_scopes", scopes.stream().map(scope -> scope.startsWith("pages_")
                        || scope.startsWith("instagram_")
                        ? Map.of("scope", scope, "target_ids", List.of(caller.pageId())) : Map.of("scope", scope)).toList());
            } else {
                data.put("app_id", appToken.get().id());
                data.put("type", "APP");
                data.put("application", appToken.get().name());
                data.put("is_valid", true);
                data.put("scopes", List.of());
            }
            return Map.of("data", data);
        });
    }

    // ---- views for the control API ----

    /** The Page's Messenger Profile as set, in Meta's JSON. */
    public JsonNode profileView(String pageId) {
        return locked(() -> engine.page(pageId).profile.deepCopy());
    }

    /** Page-level subscriptions by app id, and each app's app-level ones. */
    public Map<String, Object> subscriptionsView(String pageId) {
        return locked(() -> {
            PageState page = engine.page(pageId);
            Set<String> all = Subscriptions.fieldsOf(page.registration.platform());
            Map<String, Object> view = new LinkedHashMap<>();
            for (AppRegistration app : page.registration.apps()) {
                Set<String> fields = subscriptions.pageSubscriptions(pageId).get(app.id());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("page_fields", fields == null ? null : ordered(fields, all));
                item.put("app_level", subscriptions.appSubscriptions(app.id()).stream()
                        .filter(sub -> sub.object().equals(Subscriptions.object(page.registration.platform())))
                        .map(sub -> Map.of("callback_url", sub.callbackUrl().toString(), "fields", ordered(sub.fields(), all)))
                        .findFirst().orElse(null));
                view.put(app.id(), item);
            }
            return view;
        });
    }

    /**
     * What a person sees on opening the Page's thread for the first time (the welcome screen): the
     * {@code default}-locale greeting, then the ice breakers, which take precedence over the Get Started button
     * (platform-facts §8). A person who already has a conversation sees none of it.
     */
    public Map<String, Object> welcome(String pageId, String psid) {
        return locked(() -> {
            PageState page = engine.page(pageId);
            ObjectNode profile = page.profile;
            boolean newPerson = page.existingThread(psid).isEmpty();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("psid", psid);
            view.put("new_person", newPerson);
            view.put("locale", "default");
            view.put("greeting", newPerson ? defaultLocale(profile.path("greeting")).path("text").asText(null) : null);
            List<Map<String, String>> iceBreakers = newPerson ? iceBreakers(profile.path("ice_breakers")) : List.of();
            String getStarted = profile.path("get_started").path("payload").asText(null);
            view.put("ice_breakers", iceBreakers);
            view.put("get_started", newPerson && iceBreakers.isEmpty() && getStarted != null
                    ? Map.of("title", "Get Started", "payload", getStarted) : null);
            view.put("shows", !newPerson ? "conversation" : !iceBreakers.isEmpty() ? "ice_breakers"
                    : getStarted != null ? "get_started" : "composer");
            JsonNode menu = defaultLocale(profile.path("persistent_menu"));
            view.put("persistent_menu", menu.isMissingNode() ? null : menu.path("call_to_actions").deepCopy());
            return view;
        });
    }

    /** The payload of the ice breaker whose question is {@code question} (default locale), if any. */
    public Optional<String> iceBreakerPayload(String pageId, String question) {
        return locked(() -> iceBreakers(engine.page(pageId).profile.path("ice_breakers")).stream()
                .filter(item -> item.get("question").equals(question)).map(item -> item.get("payload")).findFirst());
    }

    private static List<Map<String, String>> iceBreakers(JsonNode iceBreakers) {
        if (!iceBreakers.isArray() || iceBreakers.isEmpty()) {
            return List.of();
        }
        JsonNode questions = iceBreakers.get(0).has("call_to_actions")
                ? defaultLocale(iceBreakers).path("call_to_actions") : iceBreakers;
        List<Map<String, String>> list = new ArrayList<>();
        questions.forEach(item -> list.add(Map.of("question", item.path("question").asText(),
                "payload", item.path("payload").asText())));
        return list;
    }

    private static JsonNode defaultLocale(JsonNode items) {
        if (items.isArray()) {
            for (JsonNode item : items) {
                if ("default".equals(item.path("locale").asText())) {
                    return item;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    // ---- shared ----

    private void requireScope(Caller caller, String scope) {
        if (!engine.scopes(caller.app().accessToken()).contains(scope)) {
            throw new GraphError(403, 200, 0, "OAuthException", "(#200) Requires " + scope
                    + " permission to manage the object").exception();
        }
    }

    private static String messagingScope(Platform platform) {
        return platform == Platform.INSTAGRAM ? "instagram_manage_messages" : "pages_messaging";
    }

    /** A comma-joined string or an array of field names, each one of the platform's. */
    private static Set<String> fields(JsonNode value, String param, Platform platform) {
        List<String> names = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> names.add(item.asText().strip()));
        } else if (value != null && value.isValueNode()) {
            for (String name : value.asText().split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        if (names.isEmpty()) {
            throw GraphError.invalidParameter("param " + param + " is required").exception();
        }
        Set<String> known = Subscriptions.fieldsOf(platform);
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                throw GraphError.invalidParameter("param " + param + "[" + i + "] must be one of {"
                        + String.join(", ", new java.util.TreeSet<>(known)) + "} - got \"" + names.get(i) + "\"")
                        .exception();
            }
        }
        return new LinkedHashSet<>(names);
    }

    /** Fields in alphabetical order, so answers are stable. */
    private static List<String> ordered(Set<String> fields, Set<String> all) {
        return List.copyOf(new java.util.TreeSet<>(fields));
    }

    private <T> T locked(Supplier<T> call) {
        synchronized (engine) {
            return call.get();
        }
    }
}
