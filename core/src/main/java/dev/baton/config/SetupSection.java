package dev.baton.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.config.ProfileSettings.IceBreakers;
import dev.baton.config.ProfileSettings.MenuItem;
import dev.baton.config.ProfileSettings.MenuLocale;
import dev.baton.config.ProfileSettings.Question;
import dev.baton.event.Platform;
import dev.baton.webhook.WebhookFields;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the {@code setup:} section and refuses, at load time, what Meta would refuse when {@code setup} writes
 * it (platform-facts §8): Get Started and menu payloads over 1000 characters, a greeting over 160, more than 4
 * ice breakers or 20 menu items per locale, a menu title over 30, more than 50 domains or one that is not an
 * https host name, a persistent menu without Get Started, a greeting, ice-breaker or menu list without a
 * {@code default} locale. Every message names the key. Secrets ({@code appToken}) are accepted only as a
 * {@code ${ENV}} reference, checked before substitution.
 */
final class SetupSection {

    static final int MAX_PAYLOAD = 1000;
    static final int MAX_GREETING = 160;
    static final int MAX_ICE_BREAKERS = 4;
    static final int MAX_MENU_ITEMS = 20;
    static final int MAX_MENU_TITLE = 30;
    static final int MAX_DOMAINS = 50;
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    private SetupSection() {}

    /** Before {@code ${ENV}} substitution: a secret written in clear in the file is refused. */
    static void requireSecretReferences(JsonNode setup) {
        if (!(setup instanceof ObjectNode) || !(setup.get("apps") instanceof ObjectNode apps)) {
            return;
        }
        apps.properties().forEach(app -> {
            JsonNode token = app.getValue().get("appToken");
            if (token != null && token.isTextual() && !ENV_REFERENCE.matcher(token.textValue().strip()).matches()) {
                throw new ConfigException("setup.apps." + app.getKey() + ".appToken",
                        "a secret: write it as ${ENV_NAME}, never in the file");
            }
        });
    }

    /** Maps and checks the (substituted) section against the rest of the config. */
    static SetupSettings read(JsonNode node, PageConfig config) {
        if (node == null || node.isNull()) {
            return SetupSettings.NONE;
        }
        if (!node.isObject()) {
            throw new ConfigException("setup", "wrong type or format (expected a map of keys)");
        }
        SetupSettings setup;
        try {
            setup = ConfigMapper.JSON.treeToValue(node, SetupSettings.class);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translate(e, "setup");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setup", e.getMessage());
        }
        check(setup, config);
        return setup;
    }

    private static void check(SetupSettings setup, PageConfig config) {
        Platform platform = config.page().platform();
        if (setup.publicUrl() != null) {
            requireHttpUrl(setup.publicUrl(), "setup.publicUrl");
        }
        setup.apps().forEach((name, app) -> {
            String path = "setup.apps." + name;
            if (config.app(name).isEmpty()) {
                throw new ConfigException(path, "no app of that name in apps[]");
            }
            for (int i = 0; i < app.fields().size(); i++) {
                String field = app.fields().get(i);
                if (field == null || !WebhookFields.known(platform, field)) {
                    throw new ConfigException(path + ".fields[" + i + "]", "not a webhook field of "
                            + platform.name().toLowerCase(Locale.ROOT)
                            + " (Meta's names: message_reads, message_reactions, messaging_optins...)");
                }
            }
            if (app.callbackUrl() != null) {
                requireHttpUrl(app.callbackUrl(), path + ".callbackUrl");
            }
            if (app.appToken() != null && app.appToken().isBlank()) {
                throw new ConfigException(path + ".appToken", "blank");
            }
        });
        if (setup.profile() != null) {
            checkProfile(setup.profile(), platform);
        }
    }

    private static void checkProfile(ProfileSettings profile, Platform platform) {
        String base = "setup.profile.";
        if (profile.getStarted() != null) {
            requireText(profile.getStarted().payload(), MAX_PAYLOAD, base + "getStarted.payload");
        }
        if (profile.greeting() != null) {
            String path = base + "greeting";
            requireDefaultLocale(profile.greeting(), ProfileSettings.Greeting::locale, path);
            for (int i = 0; i < profile.greeting().size(); i++) {
                requireText(profile.greeting().get(i).text(), MAX_GREETING, path + "[" + i + "].text");
            }
        }
        if (profile.iceBreakers() != null) {
            String path = base + "iceBreakers";
            requireDefaultLocale(profile.iceBreakers(), IceBreakers::locale, path);
            for (int i = 0; i < profile.iceBreakers().size(); i++) {
                List<Question> questions = profile.iceBreakers().get(i).callToActions();
                String itemPath = path + "[" + i + "].callToActions";
                if (questions.isEmpty() || questions.size() > MAX_ICE_BREAKERS) {
                    throw new ConfigException(itemPath, "give 1 to " + MAX_ICE_BREAKERS + " questions (Meta's limit), not "
                            + questions.size());
                }
                for (int q = 0; q < questions.size(); q++) {
                    requireText(questions.get(q).question(), Integer.MAX_VALUE, itemPath + "[" + q + "].question");
                    requireText(questions.get(q).payload(), MAX_PAYLOAD, itemPath + "[" + q + "].payload");
                }
            }
        }
        if (profile.persistentMenu() != null) {
            checkMenu(profile, platform, base + "persistentMenu");
        }
        if (profile.whitelistedDomains() != null) {
            List<String> domains = profile.whitelistedDomains();
            if (domains.size() > MAX_DOMAINS) {
                throw new ConfigException(base + "whitelistedDomains", "at most " + MAX_DOMAINS + " domains, not "
                        + domains.size());
            }
            for (int i = 0; i < domains.size(); i++) {
                requireDomain(domains.get(i), base + "whitelistedDomains[" + i + "]");
            }
        }
    }

    private static void checkMenu(ProfileSettings profile, Platform platform, String path) {
        if (profile.getStarted() == null) {
            throw new ConfigException(path, "Meta refuses a persistent menu without a Get Started button: "
                    + "set setup.profile.getStarted.payload too");
        }
        requireDefaultLocale(profile.persistentMenu(), MenuLocale::locale, path);
        for (int i = 0; i < profile.persistentMenu().size(); i++) {
            MenuLocale locale = profile.persistentMenu().get(i);
            String localePath = path + "[" + i + "]";
            if (platform == Platform.INSTAGRAM && locale.composerInputDisabled()) {
                throw new ConfigException(localePath + ".composerInputDisabled", "not available on Instagram");
            }
            List<MenuItem> items = locale.callToActions();
            if (items.isEmpty() || items.size() > MAX_MENU_ITEMS) {
                throw new ConfigException(localePath + ".callToActions", "give 1 to " + MAX_MENU_ITEMS
                        + " items (Meta's limit), not " + items.size());
            }
            for (int j = 0; j < items.size(); j++) {
                MenuItem item = items.get(j);
                String itemPath = localePath + ".callToActions[" + j + "]";
                requireText(item.title(), MAX_MENU_TITLE, itemPath + ".title");
                String type = item.type() == null ? "" : item.type();
                switch (type) {
                    case "postback" -> {
                        requireText(item.payload(), MAX_PAYLOAD, itemPath + ".payload");
                        if (item.url() != null) {
                            throw new ConfigException(itemPath + ".url", "only for type web_url");
                        }
                    }
                    case "web_url" -> {
                        requireHttpUrl(item.url(), itemPath + ".url");
                        if (item.payload() != null) {
                            throw new ConfigException(itemPath + ".payload", "only for type postback");
                        }
                    }
                    case "nested" -> throw new ConfigException(itemPath + ".type",
                            "nested menus are deprecated since Graph v8.0; Meta refuses them");
                    default -> throw new ConfigException(itemPath + ".type", "must be postback or web_url");
                }
            }
        }
    }

    private static <T> void requireDefaultLocale(List<T> items, Function<T, String> locale, String path) {
        if (items.isEmpty()) {
            throw new ConfigException(path, "empty; leave the key out to leave this property alone");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = locale.apply(items.get(i));
            if (name == null || name.isBlank()) {
                throw new ConfigException(path + "[" + i + "].locale", "missing");
            }
            if (!seen.add(name)) {
                throw new ConfigException(path + "[" + i + "].locale", "the locale " + name + " is given twice");
            }
        }
        if (!seen.contains("default")) {
            throw new ConfigException(path, "Meta requires an entry with locale: default");
        }
    }

    private static void requireText(String text, int max, String path) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(path, "missing");
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new ConfigException(path, "at most " + max + " characters (Meta's limit), not " + length);
        }
    }

    private static void requireHttpUrl(String url, String path) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(path, "missing");
        }
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(path, "must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, "not a URL");
        }
    }

    private static void requireDomain(String domain, String path) {
        if (domain == null || domain.isBlank()) {
            throw new ConfigException(path, "missing");
        }
        URI uri;
        try {
            uri = URI.create(domain);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, "not a URL (write https://example.com)");
        }
        String host = uri.getHost();
        if (!"https".equals(uri.getScheme()) || host == null) {
            throw new ConfigException(path, "must be an https URL (https://example.com)");
        }
        if (host.equalsIgnoreCase("localhost") || IPV4.matcher(host).matches() || host.startsWith("[")
                || !HOST.matcher(host).matches()) {
            throw new ConfigException(path, "must be a fully qualified domain name; Meta refuses IP addresses and localhost");
        }
    }
}
