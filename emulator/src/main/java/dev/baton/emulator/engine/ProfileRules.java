package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.Platform;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Meta refuses in a {@code POST /me/messenger_profile} body (platform-facts §8), each as a {@code (#100)}
 * error naming the property: Get Started payload over 1000 characters, greeting text over 160 or no
 * {@code default} locale, more than 4 ice breakers or a mix of the old and new formats in one call, a persistent
 * menu over 20 items (titles 30, payloads 1000) or without Get Started (subcode 2018145), a nested menu
 * ({@code #11}), more than 50 whitelisted domains or one that is not an https host name, a non-https account
 * linking URL, commands outside 1–100 or their name/description limits.
 */
final class ProfileRules {

    static final Set<String> PROPERTIES = Set.of("get_started", "greeting", "ice_breakers", "persistent_menu",
            "whitelisted_domains", "account_linking_url", "commands", "home_url", "target_audience",
            "payment_settings", "subject_to_new_eu_privacy_rules");
    private static final Set<String> READ_ONLY = Set.of("subject_to_new_eu_privacy_rules");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private ProfileRules() {}

    /** @param current the properties set now (a persistent menu may rely on an existing Get Started) */
    static void checkPost(ObjectNode body, ObjectNode current, Platform platform) {
        boolean any = false;
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            String name = property.getKey();
            if (name.equals("platform") || name.equals("access_token") || name.equals("appsecret_proof")) {
                continue;
            }
            if (!PROPERTIES.contains(name) || READ_ONLY.contains(name)) {
                throw invalid("param " + name + " is not a settable messenger_profile property");
            }
            any = true;
            JsonNode value = property.getValue();
            switch (name) {
                case "get_started" -> text(value.path("payload"), 1000, "get_started.payload");
                case "greeting" -> greeting(value);
                case "ice_breakers" -> iceBreakers(value);
                case "persistent_menu" -> persistentMenu(value, body.has("get_started") || current.has("get_started"),
                        platform);
                case "whitelisted_domains" -> domains(value);
                case "account_linking_url" -> https(value, "account_linking_url");
                case "commands" -> commands(value);
                default -> {
                    // deprecated properties are stored as given
                }
            }
        }
        if (!any) {
            throw invalid("the request must set at least one messenger_profile property");
        }
    }

    /** DELETE {@code fields}: Get Started cannot go while a persistent menu stays. */
    static void checkDelete(Set<String> fields, ObjectNode current) {
        for (String field : fields) {
            if (!PROPERTIES.contains(field) || READ_ONLY.contains(field)) {
                throw invalid("param fields must name messenger_profile properties; " + field + " is not one");
            }
        }
        if (fields.contains("get_started") && current.has("persistent_menu") && !fields.contains("persistent_menu")) {
            throw new GraphError(400, 100, 2018145, "OAuthException",
                    "(#100) You must delete the persistent menu before deleting the Get Started button.").exception();
        }
    }

    private static void greeting(JsonNode value) {
        requireLocales(value, "greeting");
        for (JsonNode item : value) {
            text(item.path("text"), 160, "greeting.text");
        }
    }

    private static void iceBreakers(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw invalid("param ice_breakers must be a non-empty array");
        }
        boolean newFormat = value.get(0).has("call_to_actions");
        for (JsonNode item : value) {
            if (item.has("call_to_actions") != newFormat) {
                throw invalid("param ice_breakers mixes the old and the new format in one request");
            }
        }
        if (!newFormat) {
            if (value.size() > 4) {
                throw invalid("param ice_breakers allows a maximum of 4 questions");
            }
            value.forEach(ProfileRules::question);
            return;
        }
        requireLocales(value, "ice_breakers");
        for (JsonNode item : value) {
            JsonNode questions = item.path("call_to_actions");
            if (!questions.isArray() || questions.isEmpty() || questions.size() > 4) {
                throw invalid("param ice_breakers[].call_to_actions must hold 1 to 4 questions");
            }
            questions.forEach(ProfileRules::question);
        }
    }

    private static void question(JsonNode question) {
        text(question.path("question"), 80, "ice_breakers.question");
        text(question.path("payload"), 1000, "ice_breakers.payload");
    }

    private static void persistentMenu(JsonNode value, boolean getStarted, Platform platform) {
        if (!getStarted) {
            throw new GraphError(400, 100, 2018145, "OAuthException",
                    "(#100) You must set a Get Started button if you also wish to use persistent menu.").exception();
        }
        requireLocales(value, "persistent_menu");
        for (JsonNode locale : value) {
            if (platform == Platform.INSTAGRAM && locale.has("composer_input_disabled")) {
                throw invalid("param persistent_menu.composer_input_disabled is not available on Instagram");
            }
            JsonNode items = locale.path("call_to_actions");
            if (!items.isArray() || items.isEmpty() || items.size() > 20) {
                throw invalid("param persistent_menu[].call_to_actions must hold 1 to 20 items");
            }
            for (JsonNode item : items) {
                String type = item.path("type").asText("");
                text(item.path("title"), 30, "persistent_menu.call_to_actions.title");
                switch (type) {
                    case "postback" -> text(item.path("payload"), 1000, "persistent_menu.call_to_actions.payload");
                    case "web_url" -> url(item.path("url"), "persistent_menu.call_to_actions.url");
                    case "nested" -> throw new GraphError(400, 11, 0, "OAuthException",
                            "(#11) Setting of Nested Persistent Menu has been deprecated for v8.0 and higher").exception();
                    default -> throw invalid("param persistent_menu.call_to_actions.type must be postback or web_url");
                }
            }
        }
    }

    private static void domains(JsonNode value) {
        if (!value.isArray() || value.size() > 50) {
            throw invalid("param whitelisted_domains must be an array of up to 50 domains");
        }
        for (JsonNode domain : value) {
            URI uri = uri(domain, "whitelisted_domains");
            String host = uri.getHost();
            if (!"https".equals(uri.getScheme()) || host == null || host.equalsIgnoreCase("localhost")
                    || host.matches("[0-9.]+") || host.startsWith("[") || !HOST.matcher(host).matches()) {
                throw invalid("param whitelisted_domains[] must be https URLs of fully qualified domain names");
            }
        }
    }

    private static void commands(JsonNode value) {
        requireArray(value, "commands");
        for (JsonNode locale : value) {
            JsonNode commands = locale.path("commands");
            if (!commands.isArray() || commands.isEmpty() || commands.size() > 100) {
                throw invalid("param commands[].commands must hold 1 to 100 commands");
            }
            for (JsonNode command : commands) {
                String name = text(command.path("name"), 32, "commands.name");
                if (name.startsWith("/")) {
                    throw invalid("param commands.name must not start with /");
                }
                text(command.path("description"), 64, "commands.description");
            }
        }
    }

    private static void https(JsonNode value, String name) {
        if (!"https".equals(uri(value, name).getScheme())) {
            throw invalid("param " + name + " must use the https protocol");
        }
    }

    private static void url(JsonNode value, String name) {
        URI uri = uri(value, name);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("param " + name + " must be an http(s) URL");
        }
    }

    private static URI uri(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw invalid("param " + name + " must be a URL");
        }
        try {
            return URI.create(value.asText());
        } catch (IllegalArgumentException e) {
            throw invalid("param " + name + " must be a URL");
        }
    }

    private static void requireLocales(JsonNode value, String name) {
        requireArray(value, name);
        Set<String> locales = new HashSet<>();
        for (JsonNode item : value) {
            String locale = item.path("locale").asText("");
            if (locale.isEmpty() || !locales.add(locale)) {
                throw invalid("param " + name + "[].locale must be given once per locale");
            }
        }
        if (!locales.contains("default")) {
            throw invalid("param " + name + " must include the default locale");
        }
    }

    private static void requireArray(JsonNode value, String name) {
        if (!value.isArray() || value.isEmpty()) {
            throw invalid("param " + name + " must be a non-empty array");
        }
    }

    private static String text(JsonNode value, int max, String name) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid("param " + name + " is required");
        }
        String text = value.asText();
        if (text.codePointCount(0, text.length()) > max) {
            throw invalid("param " + name + " must have " + max + " or fewer characters");
        }
        return text;
    }

    private static GraphApiException invalid(String why) {
        return GraphError.invalidParameter(why).exception();
    }
}
