package dev.baton.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AdClick;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.PageConnection;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.Person;
import dev.baton.emulator.PersonMessage;
import dev.baton.event.Attachment;
import dev.baton.event.Platform;
import dev.baton.event.Referral;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Control-API bodies into the emulator's Java values. Unknown keys and wrong types are refused with a 400. */
final class ControlRequests {

    private static final Set<String> PAGE_KEYS = Set.of("id", "platform", "apps", "default_app_id", "link_routes",
            "social_app_id", "get_started_payload", "subscribed");
    private static final Set<String> APP_KEYS = Set.of("id", "name", "secret", "access_token", "webhook_url",
            "verify_token", "standby", "can_take_control", "scopes");
    private static final Set<String> ADS_CONTEXT_KEYS = Set.of("ad_title", "photo_url", "video_url", "post_id",
            "product_id", "flow_id");

    private ControlRequests() {}

    static PageRegistration page(HttpCall call) {
        JsonInput page = JsonInput.body(call, "page", PAGE_KEYS);
        String platformName = page.text("platform") == null ? "messenger" : page.text("platform");
        Platform platform = switch (platformName) {
            case "messenger" -> Platform.MESSENGER;
            case "instagram" -> Platform.INSTAGRAM;
            default -> throw EmulatorException.badRequest("page: 'platform' must be messenger or instagram");
        };
        JsonNode appsNode = page.raw("apps");
        if (appsNode == null || !appsNode.isArray()) {
            throw EmulatorException.badRequest("page: 'apps' must be an array");
        }
        boolean subscribed = page.bool("subscribed", true);
        List<AppRegistration> apps = new ArrayList<>();
        for (JsonNode appNode : appsNode) {
            apps.add(app(JsonInput.of(appNode, "app", APP_KEYS), subscribed));
        }
        Map<String, String> linkRoutes = new LinkedHashMap<>();
        JsonNode routes = page.raw("link_routes");
        if (routes != null) {
            if (!routes.isObject()) {
                throw EmulatorException.badRequest("page: 'link_routes' must be an object of ref to app id");
            }
            routes.properties().forEach(route -> linkRoutes.put(route.getKey(), route.getValue().asText()));
        }
        return new PageRegistration(page.requiredText("id"), platform, apps, page.text("default_app_id"), linkRoutes,
                page.text("social_app_id"), page.text("get_started_payload"));
    }

    /**
     * {@code subscribed} (default true) and each app's {@code scopes}: how the apps start out connected. A fresh
     * Page ({@code "subscribed": false}) may leave out the apps' {@code webhook_url} and {@code verify_token}.
     */
    static PageConnection connection(HttpCall call) {
        JsonInput page = JsonInput.body(call, "page", PAGE_KEYS);
        PageConnection connection = page.bool("subscribed", true) ? PageConnection.SUBSCRIBED : PageConnection.fresh();
        for (JsonNode appNode : page.raw("apps")) {
            JsonNode scopes = appNode.get("scopes");
            if (scopes == null) {
                continue;
            }
            if (!scopes.isArray()) {
                throw EmulatorException.badRequest("app: 'scopes' must be an array of permission names");
            }
            List<String> names = new ArrayList<>();
            scopes.forEach(scope -> names.add(scope.asText()));
            connection = connection.withScopes(appNode.path("id").asText(), names);
        }
        return connection;
    }

    private static AppRegistration app(JsonInput app, boolean subscribed) {
        String webhook = subscribed ? app.requiredText("webhook_url") : app.text("webhook_url");
        URI url = null;
        if (webhook != null) {
            try {
                url = URI.create(webhook);
            } catch (IllegalArgumentException e) {
                throw EmulatorException.badRequest("app: 'webhook_url' is not a URL");
            }
        }
        String verifyToken = subscribed ? app.requiredText("verify_token") : app.text("verify_token");
        return new AppRegistration(app.requiredText("id"), app.text("name"), app.requiredText("secret"),
                app.requiredText("access_token"), url, verifyToken, app.bool("standby", true),
                app.bool("can_take_control", false));
    }

    static AdClick adClick(HttpCall call) {
        JsonInput click = JsonInput.body(call, "ad-click",
                Set.of("ad_id", "receiving_app_id", "ref", "ads_context_data", "text"));
        Referral.AdsContext context = null;
        JsonNode contextNode = click.raw("ads_context_data");
        if (contextNode != null) {
            JsonInput ads = JsonInput.of(contextNode, "ads_context_data", ADS_CONTEXT_KEYS);
            context = new Referral.AdsContext(ads.text("ad_title"), ads.text("photo_url"), ads.text("video_url"),
                    ads.text("post_id"), ads.text("product_id"), ads.text("flow_id"));
        }
        return new AdClick(click.requiredText("ad_id"), click.text("receiving_app_id"), click.text("ref"), context,
                click.text("text"));
    }

    static PersonMessage message(HttpCall call) {
        JsonInput message = JsonInput.body(call, "message", Set.of("text", "quick_reply_payload", "attachments"));
        List<Attachment> attachments = new ArrayList<>();
        JsonNode nodes = message.raw("attachments");
        if (nodes != null) {
            if (!nodes.isArray()) {
                throw EmulatorException.badRequest("message: 'attachments' must be an array");
            }
            for (JsonNode node : nodes) {
                JsonInput attachment = JsonInput.of(node, "attachment", Set.of("type", "payload"));
                String type = attachment.requiredText("type");
                JsonNode payload = attachment.raw("payload");
                String url = payload == null || !payload.path("url").isTextual() ? null : payload.get("url").asText();
                attachments.add(new Attachment(type, Attachment.Kind.of(type), url, null, null,
                        payload == null ? null : payload.toString()));
            }
        }
        return new PersonMessage(message.text("text"), message.text("quick_reply_payload"), attachments);
    }

    /** {@code {"mid", "reaction", "emoji", "action": "react"|"unreact"}}; action defaults to react. */
    static ActionResult reaction(HttpCall call, Person person) {
        JsonInput reaction = JsonInput.body(call, "react", Set.of("mid", "reaction", "emoji", "action"));
        String action = reaction.text("action") == null ? "react" : reaction.text("action");
        return switch (action) {
            case "react" -> person.react(reaction.requiredText("mid"),
                    reaction.text("reaction") == null ? "love" : reaction.text("reaction"),
                    reaction.text("emoji") == null ? "\u2764" : reaction.text("emoji"));
            case "unreact" -> person.unreact(reaction.requiredText("mid"));
            default -> throw EmulatorException.badRequest("react: 'action' must be react or unreact");
        };
    }

    static JsonInput body(HttpCall call, String what, Set<String> keys) {
        return JsonInput.body(call, what, keys);
    }
}
