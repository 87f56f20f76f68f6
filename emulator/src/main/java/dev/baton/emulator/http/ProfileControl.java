package dev.baton.emulator.http;

import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.Person;
import dev.baton.emulator.PersonProfile;
import java.util.Map;
import java.util.Set;

/**
 * {@code /_emulator/pages/{page}/people/{psid}/profile}: {@code PUT} sets what the User Profile API answers
 * about the person (the User Profile API's own field names), {@code GET} reads it, {@code DELETE} clears it.
 */
final class ProfileControl {

    private static final Set<String> KEYS = Set.of("first_name", "last_name", "name", "profile_pic", "locale",
            "timezone", "gender", "username", "follower_count", "is_user_follow_business", "is_business_follow_user",
            "is_verified_user");

    private ProfileControl() {}

    static HttpAnswer handle(HttpCall call, Person person) {
        return switch (call.method()) {
            case "PUT", "POST" -> {
                PersonProfile profile = parse(ControlRequests.body(call, "profile", KEYS));
                person.setProfile(profile);
                yield HttpAnswer.ok(profile.fields());
            }
            case "GET" -> HttpAnswer.ok(person.profile().map(PersonProfile::fields).orElseThrow(
                    () -> EmulatorException.notFound("person " + person.psid() + " has no profile")));
            case "DELETE" -> {
                person.setProfile(null);
                yield HttpAnswer.ok(Map.of("deleted", true));
            }
            default -> throw new EmulatorException(405, "use PUT, GET or DELETE on a profile");
        };
    }

    private static PersonProfile parse(JsonInput body) {
        return new PersonProfile(body.text("first_name"), body.text("last_name"), body.text("name"),
                body.text("profile_pic"), body.text("locale"), integer(body, "timezone"), body.text("gender"),
                body.text("username"), integer(body, "follower_count"), bool(body, "is_user_follow_business"),
                bool(body, "is_business_follow_user"), bool(body, "is_verified_user"));
    }

    private static Integer integer(JsonInput body, String key) {
        if (body.raw(key) == null) {
            return null;
        }
        long value = body.number(key, 0);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw EmulatorException.badRequest("profile: '" + key + "' is out of range");
        }
        return (int) value;
    }

    private static Boolean bool(JsonInput body, String key) {
        return body.raw(key) == null ? null : body.bool(key, false);
    }
}
