package dev.baton.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.config.ProfileSettings;
import dev.baton.event.Platform;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A config's {@code setup.profile} in Meta's JSON ({@code get_started}, {@code greeting},
 * {@code ice_breakers} in the per-locale format, {@code persistent_menu}, {@code whitelisted_domains}), and the
 * comparison that keeps {@code setup} idempotent: a property is rewritten only when what Meta holds does not
 * already contain it (Meta may add defaults of its own, which are not a difference).
 */
final class ProfileJson {

    private ProfileJson() {}

    /** The managed properties, in Meta's JSON, in the order they are written. */
    static ObjectNode of(ProfileSettings profile, Platform platform, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        if (profile == null) {
            return json;
        }
        if (profile.getStarted() != null) {
            json.putObject("get_started").put("payload", profile.getStarted().payload());
        }
        if (profile.greeting() != null) {
            ArrayNode greeting = json.putArray("greeting");
            profile.greeting().forEach(item -> greeting.addObject().put("locale", item.locale()).put("text", item.text()));
        }
        if (profile.iceBreakers() != null) {
            ArrayNode iceBreakers = json.putArray("ice_breakers");
            for (ProfileSettings.IceBreakers locale : profile.iceBreakers()) {
                ObjectNode item = iceBreakers.addObject();
                ArrayNode questions = item.putArray("call_to_actions");
                locale.callToActions().forEach(question -> questions.addObject()
                        .put("question", question.question()).put("payload", question.payload()));
                item.put("locale", locale.locale());
            }
        }
        if (profile.persistentMenu() != null) {
            ArrayNode menu = json.putArray("persistent_menu");
            for (ProfileSettings.MenuLocale locale : profile.persistentMenu()) {
                ObjectNode item = menu.addObject().put("locale", locale.locale());
                if (platform != Platform.INSTAGRAM) {
                    item.put("composer_input_disabled", locale.composerInputDisabled());
                }
                ArrayNode actions = item.putArray("call_to_actions");
                for (ProfileSettings.MenuItem action : locale.callToActions()) {
                    ObjectNode entry = actions.addObject().put("type", action.type()).put("title", action.title());
                    if (action.payload() != null) {
                        entry.put("payload", action.payload());
                    }
                    if (action.url() != null) {
                        entry.put("url", action.url());
                    }
                }
            }
        }
        if (profile.whitelistedDomains() != null) {
            ArrayNode domains = json.putArray("whitelisted_domains");
            profile.whitelistedDomains().forEach(domains::add);
        }
        return json;
    }

    static List<String> names(ObjectNode wanted) {
        List<String> names = new ArrayList<>();
        wanted.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The properties of {@code wanted} that {@code current} does not already hold. */
    static ObjectNode differences(ObjectNode wanted, ObjectNode current, ObjectMapper mapper) {
        ObjectNode diff = mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> property : wanted.properties()) {
            if (!contains(current.get(property.getKey()), property.getValue())) {
                diff.set(property.getKey(), property.getValue().deepCopy());
            }
        }
        return diff;
    }

    /** {@code actual} holds {@code expected}: same scalars, same array lengths element by element, objects may have more. */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            Iterator<JsonNode> actualItems = actual.elements();
            for (JsonNode item : expected) {
                if (!contains(actualItems.next(), item)) {
                    return false;
                }
            }
            return true;
        }
        return expected.isBoolean() ? actual.isBoolean() && actual.asBoolean() == expected.asBoolean()
                : actual.asText().equals(expected.asText());
    }
}
