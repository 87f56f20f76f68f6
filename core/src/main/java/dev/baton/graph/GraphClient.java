package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.config.GraphSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.ConversationKey;
import dev.baton.graph.error.GraphTransportException;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.graph.error.OtherGraphException;
import dev.baton.graph.error.MetaGraphException;
import dev.baton.graph.error.SendTimedOutException;
import dev.baton.ownership.ThreadOwnerAnswer;
import dev.baton.send.OutgoingMessage;
import dev.baton.send.Recipient;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Graph API as one hosted app of the Page: the Send API and the Handover Protocol endpoints, with the
 * app's token. Calls for one conversation run one at a time in arrival order (also across retries);
 * sends are shape- and window-checked, rate limited per Page and retried only where Meta said nothing was
 * done. Own successful pass/release/take (and sends carrying {@code thread_control}) update the ownership
 * tracker. Thread-safe; every method blocks until answered and throws {@code GraphException}s.
 */
public final class GraphClient {

    private static final Duration MAX_EXTEND = Duration.ofDays(7);

    private final GraphPageContext page;
    private final GraphCredentials credentials;
    private final SendRequestJson json;
    /** Persona ids by name, as found or made: one persona per agent name (see {@link #persona}). */
    private final Map<String, String> personaIds = new ConcurrentHashMap<>();

    public GraphClient(GraphPageContext page, GraphCredentials credentials) {
        this.page = requireNonNull(page, "page is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.json = new SendRequestJson(page.mapper());
    }

    public String appId() {
        return credentials.appId();
    }

    /**
     * {@code POST /{page-id}/messages} (or {@code /me/messages}, see {@link GraphSettings#sendPath()}); a request
     * without recipient goes to the conversation's person.
     */
    public SendResponse send(ConversationKey conversation, SendRequest request) {
        ObjectNode body = json.toJson(request, Recipient.id(conversation.userId()));
        boolean slowRate = slowRate(request, body);
        JsonNode answer = page.lanes().run(conversation, () -> {
            page.window().check(conversation, body);
            JsonNode control = body.get("thread_control");
            JsonNode response = ownerUnknownIfOutcomeIs(conversation, control != null, () ->
                    page.retry().call("messages", () -> sendOnce(body, slowRate)));
            if (control != null) {
                recordThreadControl(conversation, control);
            }
            return response;
        });
        return new SendResponse(text(answer, "recipient_id"), text(answer, "message_id"));
    }

    /** One attempt under a rate-limit permit; the permit learns whether Meta answered (see {@link PageRateLimiter}). */
    private JsonNode sendOnce(ObjectNode body, boolean slowRate) {
        PageRateLimiter.Permit permit = page.rateLimiter().acquire(slowRate);
        boolean answered = false;
        try {
            JsonNode sent = page.http().call(credentials, "messages", page.settings().messagesPath(page.pageId()),
                    Map.of(), body, permit::close); // counted from the moment Meta's answer arrives
            answered = true;
            return sent;
        } catch (MetaGraphException | GraphTransportException e) {
            // Meta's error envelope is an answer; a connection never made sent nothing
            answered = e instanceof MetaGraphException || ((GraphTransportException) e).nothingSent();
            throw e;
        } finally {
            if (answered) {
                permit.close();
            } else {
                permit.closeUnanswered();
            }
        }
    }

    /** {@code pass_thread_control}: to {@code targetAppId}, or (null) to the Page's default app. */
    public void passThreadControl(ConversationKey conversation, String targetAppId, String metadata) {
        ObjectNode body = recipient(conversation);
        if (targetAppId != null) {
            body.put("target_app_id", dev.baton.send.Limits.numericId("target_app_id", targetAppId));
        }
        metadata(body, metadata);
        handover(conversation, "pass_thread_control", body);
        page.ownership().recordOwnAction(conversation, appId(), targetAppId);
    }

    /** {@code release_thread_control}: control returns to the default app; Meta sends no webhook. */
    public void releaseThreadControl(ConversationKey conversation, String metadata) {
        handover(conversation, "release_thread_control", metadata(recipient(conversation), metadata));
        page.ownership().recordOwnAction(conversation, appId(), null);
    }

    /** {@code take_thread_control}; under Conversation Routing only with the Page's take-control setting. */
    public void takeThreadControl(ConversationKey conversation, String metadata) {
        handover(conversation, "take_thread_control", metadata(recipient(conversation), metadata));
        page.ownership().recordOwnAction(conversation, appId(), appId());
    }

    /** {@code request_thread_control}; only without Conversation Routing. The owner decides; no change here. */
    public void requestThreadControl(ConversationKey conversation, String metadata) {
        handover(conversation, "request_thread_control", metadata(recipient(conversation), metadata));
    }

    /** {@code extend_thread_control} by {@code duration} (whole seconds, at most 7 days). */
    public void extendThreadControl(ConversationKey conversation, Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_EXTEND) > 0) {
            throw new InvalidRequestException("duration", "must be more than 0 and at most 7 days");
        }
        handover(conversation, "extend_thread_control", recipient(conversation).put("duration", duration.toSeconds()));
    }

    /** {@code GET /{page-id}/thread_owner}: empty when the thread is idle. Always asks Meta. */
    public Optional<ThreadOwnerAnswer> threadOwner(ConversationKey conversation) {
        JsonNode answer = get("thread_owner", page.pageId() + "/thread_owner", Map.of("recipient", conversation.userId()));
        JsonNode owner = answer.path("data").path(0).path("thread_owner");
        if (owner.isMissingNode() || owner.isEmpty()) {
            return Optional.empty();
        }
        JsonNode expiration = owner.get("expiration");
        Instant expires = expiration == null || !expiration.canConvertToLong() ? null
                : expiration.asLong() > 100_000_000_000L ? Instant.ofEpochMilli(expiration.asLong())
                : Instant.ofEpochSecond(expiration.asLong());
        return Optional.of(new ThreadOwnerAnswer(text(owner, "app_id"), expires));
    }

    /**
     * The id of the Page's persona called {@code name} ({@code persona_id} of a send): from memory, else the
     * first one of that name among the Page's personas ({@code GET /{page-id}/personas}), else a new one
     * ({@code POST /{page-id}/personas}). So a name gets one persona, also across restarts; two deployments
     * making the same new name at once may make two, which only costs a duplicate entry at Meta. Only the
     * first page of the list (100 personas) is searched.
     */
    public String persona(String name, String profilePictureUrl) {
        dev.baton.send.Limits.required("persona.name", name, 50);
        dev.baton.send.Limits.required("persona.profile_picture_url", profilePictureUrl, 2000);
        String known = personaIds.get(name);
        if (known != null) {
            return known;
        }
        JsonNode listed = get("personas", page.pageId() + "/personas", Map.of("fields", "id,name", "limit", "100"));
        for (JsonNode persona : listed.path("data")) {
            if (name.equals(text(persona, "name")) && text(persona, "id") != null) {
                return remember(name, text(persona, "id"));
            }
        }
        ObjectNode body = page.mapper().createObjectNode().put("name", name).put("profile_picture_url", profilePictureUrl);
        // Not retried after an unclear outcome (a retry could make a second persona); Meta's "nothing done" is.
        JsonNode made = page.retry().call("personas", () -> post("personas", body));
        String id = text(made, "id");
        if (id == null) {
            throw new InvalidRequestException("persona", "Meta's answer carried no persona id");
        }
        return remember(name, id);
    }

    private String remember(String name, String id) {
        String earlier = personaIds.putIfAbsent(name, id);
        return earlier != null ? earlier : id;
    }

    /** {@code GET me?fields=messaging_feature_status}. */
    public MessagingFeatureStatus messagingFeatureStatus() {
        JsonNode status = get("messaging_feature_status", "me", Map.of("fields", "messaging_feature_status"))
                .path("messaging_feature_status");
        return new MessagingFeatureStatus(status.path("hop_v2").asBoolean(false),
                status.path("msgr_multi_app").asBoolean(false), status.path("ig_multi_app").asBoolean(false));
    }

    /** {@code GET /{page-id}/secondary_receivers} (legacy Handover Protocol). */
    public List<SecondaryReceiver> secondaryReceivers() {
        JsonNode data = get("secondary_receivers", page.pageId() + "/secondary_receivers", Map.of("fields", "id,name"))
                .path("data");
        List<SecondaryReceiver> receivers = new ArrayList<>();
        data.forEach(item -> receivers.add(new SecondaryReceiver(text(item, "id"), text(item, "name"))));
        return List.copyOf(receivers);
    }

    private void handover(ConversationKey conversation, String endpoint, ObjectNode body) {
        boolean changesOwner = !endpoint.equals("extend_thread_control");
        page.lanes().run(conversation, () -> ownerUnknownIfOutcomeIs(conversation, changesOwner,
                () -> page.retry().call(endpoint, () -> post(endpoint, body))));
    }

    /**
     * Runs a call that may change the owner; when it ends without knowing whether Meta did it (a timeout, a
     * connection lost after sending, an answer without Meta's error envelope), the tracker forgets the owner, so the next lookup asks Meta instead of
     * trusting what was true before the call (a timed-out pass to the Page Inbox still happens at Meta, and no
     * webhook would tell).
     */
    private <T> T ownerUnknownIfOutcomeIs(ConversationKey conversation, boolean changesOwner, Supplier<T> call) {
        try {
            return call.get();
        } catch (SendTimedOutException | GraphTransportException | OtherGraphException e) {
            boolean nothingSent = e instanceof GraphTransportException transport && transport.nothingSent();
            boolean metaSaidNo = e instanceof OtherGraphException other && other.error().code() != -1;
            if (changesOwner && !nothingSent && !metaSaidNo) {
                page.ownership().ownerUnknown(conversation);
            }
            throw e;
        }
    }

    private void recordThreadControl(ConversationKey conversation, JsonNode control) {
        boolean passes = control.path("payload").asText("").equals("pass_thread_control")
                || control.path("control_type").asText("").equals("pass");
        String target = passes && control.has("app_id") ? control.get("app_id").asText() : null;
        page.ownership().recordOwnAction(conversation, appId(), target);
    }

    private JsonNode post(String endpoint, ObjectNode body) {
        return page.http().call(credentials, endpoint, page.pageId() + "/" + endpoint, Map.of(), body);
    }

    private JsonNode get(String endpoint, String path, Map<String, String> query) {
        return page.retry().call(endpoint, () -> page.http().call(credentials, endpoint, path, query, null));
    }

    private ObjectNode recipient(ConversationKey conversation) {
        ObjectNode body = page.mapper().createObjectNode();
        body.putObject("recipient").put("id", conversation.userId());
        return body;
    }

    private static ObjectNode metadata(ObjectNode body, String metadata) {
        if (metadata != null) {
            body.put("metadata", dev.baton.send.Limits.atMost("metadata", metadata, dev.baton.send.Limits.METADATA_MAX));
        }
        return body;
    }

    private static boolean slowRate(SendRequest request, ObjectNode body) {
        if (!request.isRaw()) {
            OutgoingMessage message = request.message();
            return message != null && message.slowRateMedia();
        }
        JsonNode attachment = body.path("message").path("attachment");
        String type = attachment.path("type").asText("");
        String mediaType = attachment.path("payload").path("elements").path(0).path("media_type").asText("");
        return type.equals("audio") || type.equals("video") || mediaType.equals("video");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
