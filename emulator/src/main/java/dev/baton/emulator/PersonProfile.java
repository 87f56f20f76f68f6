package dev.baton.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the User Profile API answers about a person ({@code GET /{psid}?fields=…}), set through the control
 * API or {@link Person#setProfile}. Every field may be null (not public): it is then left out of the answer.
 * Messenger reads {@code first_name}, {@code last_name}, {@code profile_pic}, {@code locale}, {@code timezone},
 * {@code gender} and {@code name} (first and last name when not set); Instagram reads {@code name},
 * {@code username}, {@code profile_pic}, {@code follower_count}, {@code is_user_follow_business},
 * {@code is_business_follow_user} and {@code is_verified_user}.
 */
public record PersonProfile(
        String firstName,
        String lastName,
        String name,
        String profilePic,
        String locale,
        Integer timezone,
        String gender,
        String username,
        Integer followerCount,
        Boolean isUserFollowBusiness,
        Boolean isBusinessFollowUser,
        Boolean isVerifiedUser) {

    /** A Messenger profile: first name, last name and picture URL. */
    public static PersonProfile messenger(String firstName, String lastName, String profilePic) {
        return new PersonProfile(firstName, lastName, null, profilePic, null, null, null, null, null, null, null, null);
    }

    /** An Instagram profile: display name, username and picture URL. */
    public static PersonProfile instagram(String name, String username, String profilePic) {
        return new PersonProfile(null, null, name, profilePic, null, null, null, username, null, null, null, null);
    }

    /** The profile as the User Profile API names its fields, null fields left out, {@code name} derived. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "first_name", firstName);
        put(fields, "last_name", lastName);
        String fullName = name;
        if (fullName == null && (firstName != null || lastName != null)) {
            fullName = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        }
        put(fields, "name", fullName);
        put(fields, "profile_pic", profilePic);
        put(fields, "locale", locale);
        put(fields, "timezone", timezone);
        put(fields, "gender", gender);
        put(fields, "username", username);
        put(fields, "follower_count", followerCount);
        put(fields, "is_user_follow_business", isUserFollowBusiness);
        put(fields, "is_business_follow_user", isBusinessFollowUser);
        put(fields, "is_verified_user", isVerifiedUser);
        return fields;
    }

    private static void put(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
