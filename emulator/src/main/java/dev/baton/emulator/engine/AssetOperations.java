package dev.baton.emulator.engine;

import dev.baton.event.Platform;
import dev.baton.emulator.PersonProfile;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Graph surfaces bots call beside the Send API: Personas ({@code /me/personas}, {@code /{persona-id}}),
 * the Attachment Upload API ({@code /me/message_attachments}) and the User Profile API ({@code /{psid}}).
 * Runs on the {@link RoutingEngine}'s lock. A refused call throws {@link GraphApiException} and changes nothing.
 */
public final class AssetOperations {

    /** Meta: "The display name of the persona. Maximum 50 characters." */
    private static final int MAX_PERSONA_NAME = 50;
    /** Meta's Attachment Upload API: image, audio, video and file. */
    private static final Set<String> UPLOAD_TYPES = Set.of("image", "audio", "video", "file");
    /** Meta's attachment size limit (25 MB). */
    private static final int MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
    private static final Set<String> MESSENGER_PROFILE_FIELDS = Set.of("id", "name", "first_name", "last_name",
            "profile_pic", "locale", "timezone", "gender");
    private static final Set<String> INSTAGRAM_PROFILE_FIELDS = Set.of("id", "name", "username", "profile_pic",
            "follower_count", "is_user_follow_business", "is_business_follow_user", "is_verified_user");

    private final RoutingEngine engine;

    AssetOperations(RoutingEngine engine) {
        this.engine = engine;
    }

    /** What a node id other than {@code me} or the Page names for the caller's Page. */
    public enum NodeKind { PERSONA, PERSON, NONE }

    public NodeKind nodeKind(Caller caller, String id) {
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            if (page.assets.personas.containsKey(id)) {
                return NodeKind.PERSONA;
            }
            return page.existingThread(id).isPresent() ? NodeKind.PERSON : NodeKind.NONE;
        });
    }

    public Map<String, Object> createPersona(Caller caller, String name, String profilePictureUrl) {
        if (name == null || name.isBlank()) {
            throw GraphError.invalidParameter("param name is required").exception();
        }
        if (name.codePointCount(0, name.length()) > MAX_PERSONA_NAME) {
            throw GraphError.invalidParameter("param name must have " + MAX_PERSONA_NAME + " or fewer characters")
                    .exception();
        }
        if (profilePictureUrl == null || profilePictureUrl.isBlank()) {
            throw GraphError.invalidParameter("param profile_picture_url is required").exception();
        }
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            String id = PageAssets.nextId();
            page.assets.personas.put(id, new PageAssets.Persona(id, name, profilePictureUrl));
            return Map.of("id", id);
        });
    }

    /** {@code GET /me/personas}: every persona, oldest first, in one page of results. */
    public Map<String, Object> personas(Caller caller) {
        return locked(() -> {
            List<Map<String, Object>> data = engine.page(caller.pageId()).assets.personas.values().stream()
                    .map(AssetOperations::personaView).toList();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("data", data);
            if (!data.isEmpty()) {
                answer.put("paging", Map.of("cursors", Map.of(
                        "before", cursor(data.get(0)), "after", cursor(data.get(data.size() - 1)))));
            }
            return answer;
        });
    }

    public Map<String, Object> persona(Caller caller, String personaId) {
        return locked(() -> personaView(existingPersona(caller, personaId)));
    }

    public Map<String, Object> deletePersona(Caller caller, String personaId) {
        return locked(() -> {
            existingPersona(caller, personaId);
            engine.page(caller.pageId()).assets.personas.remove(personaId);
            return Map.of("success", true);
        });
    }

    /**
     * {@code POST /me/message_attachments}: {@code message.attachment} with a {@code payload.url}, or a
     * {@code filedata} file part. The answer's {@code attachment_id} can be sent later in
     * {@code payload.attachment_id}.
     */
    public Map<String, Object> uploadAttachment(Caller caller, String type, String url, UploadedFile file) {
        if (type == null || !UPLOAD_TYPES.contains(type)) {
            throw GraphError.invalidParameter("param message[attachment][type] must be one of " + UPLOAD_TYPES)
                    .exception();
        }
        if ((url == null) == (file == null)) {
            throw GraphError.invalidParameter(
                    "Exactly one of message[attachment][payload][url] and filedata must be set").exception();
        }
        if (file != null && file.bytes().length > MAX_UPLOAD_BYTES) {
            throw GraphError.invalidParameter("filedata must be 25 MB or smaller").exception();
        }
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            String id = PageAssets.nextId();
            page.assets.attachments.put(id, new PageAssets.StoredAttachment(id, type, url,
                    file == null ? null : file.fileName(), file == null ? 0 : file.bytes().length));
            return Map.of("attachment_id", id);
        });
    }

    /**
     * {@code GET /{psid}?fields=…}: the person's profile as set through the control API. Without
     * {@code fields}: {@code name} and {@code id}. A field the platform's User node does not have is code 100;
     * a person with no profile set is Meta's answer for a profile it cannot show (100/2018218).
     */
    public Map<String, Object> profile(Caller caller, String psid, String fields) {
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            Set<String> known = page.registration.platform() == Platform.INSTAGRAM
                    ? INSTAGRAM_PROFILE_FIELDS : MESSENGER_PROFILE_FIELDS;
            List<String> wanted = fields == null || fields.isBlank() ? List.of("name", "id")
                    : List.of(fields.split(",")).stream().map(String::strip).filter(f -> !f.isEmpty()).toList();
            for (String field : wanted) {
                if (!known.contains(field)) {
                    throw GraphError.invalidParameter("Tried accessing nonexisting field (" + field
                            + ") on node type (User)").exception();
                }
            }
            PersonProfile profile = page.assets.profiles.get(psid);
            if (profile == null) {
                throw new GraphError(400, 100, 2018218, "OAuthException", "(#100) No profile available for this user.")
                        .exception();
            }
            Map<String, Object> values = profile.fields();
            Map<String, Object> answer = new LinkedHashMap<>();
            for (String field : wanted) {
                if (field.equals("id")) {
                    answer.put("id", psid);
                } else if (values.containsKey(field)) {
                    answer.put(field, values.get(field));
                }
            }
            if (!answer.containsKey("id")) {
                answer.put("id", psid);   // Graph answers always carry the node's id
            }
            return answer;
        });
    }

    /** Sets (or, with null, clears) a person's profile; the person need not have written yet. */
    public void setProfile(String pageId, String psid, PersonProfile profile) {
        locked(() -> {
            PageState page = engine.page(pageId);
            if (profile == null) {
                page.assets.profiles.remove(psid);
            } else {
                page.assets.profiles.put(psid, profile);
            }
            return null;
        });
    }

    public Optional<PersonProfile> profileOf(String pageId, String psid) {
        return locked(() -> Optional.ofNullable(engine.page(pageId).assets.profiles.get(psid)));
    }

    private PageAssets.Persona existingPersona(Caller caller, String personaId) {
        return engine.page(caller.pageId()).assets.persona(personaId)
                .orElseThrow(() -> GraphError.objectNotFound(personaId).exception());
    }

    private static Map<String, Object> personaView(PageAssets.Persona persona) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", persona.name());
        view.put("profile_picture_url", persona.profilePictureUrl());
        view.put("id", persona.id());
        return view;
    }

    private static String cursor(Map<String, Object> persona) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.valueOf(persona.get("id")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private <T> T locked(Supplier<T> call) {
        synchronized (engine) {
            return call.get();
        }
    }
}
