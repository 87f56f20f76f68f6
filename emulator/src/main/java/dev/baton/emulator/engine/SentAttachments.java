package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Attachment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attachments of a send that refer to saved ones ({@code payload.attachment_id}) or ask to be saved
 * ({@code payload.is_reusable: true} with a {@code url}, for which Meta answers an {@code attachment_id}).
 */
final class SentAttachments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SentAttachments() {}

    /**
     * The attachments as the echo carries them: a saved one gets its URL. An {@code attachment_id} the Page
     * never saved is code 100, checked before anything changes.
     */
    static List<Attachment> resolve(PageAssets assets, List<Attachment> attachments) {
        List<Attachment> resolved = new ArrayList<>(attachments.size());
        for (Attachment attachment : attachments) {
            JsonNode payload = payload(attachment);
            String id = SendCall.text(payload, "attachment_id");
            if (id == null) {
                resolved.add(attachment);
                continue;
            }
            PageAssets.StoredAttachment stored = assets.attachment(id).orElseThrow(() -> GraphError.invalidParameter(
                    "param message[attachment][payload][attachment_id] " + id
                            + " is not an attachment uploaded by this Page").exception());
            resolved.add(new Attachment(attachment.type(), attachment.kind(), stored.url(), attachment.title(),
                    attachment.stickerId(), attachment.payloadJson()));
        }
        return List.copyOf(resolved);
    }

    /** Saves a URL attachment sent with {@code is_reusable: true}; its id goes into the send's answer. */
    static Optional<String> saveReusable(PageAssets assets, List<Attachment> attachments) {
        if (attachments.size() != 1) {
            return Optional.empty();
        }
        Attachment attachment = attachments.get(0);
        JsonNode payload = payload(attachment);
        if (!payload.path("is_reusable").asBoolean(false) || attachment.url() == null
                || SendCall.text(payload, "attachment_id") != null) {
            return Optional.empty();
        }
        String id = PageAssets.nextId();
        assets.attachments.put(id, new PageAssets.StoredAttachment(id, attachment.type(), attachment.url(), null, 0));
        return Optional.of(id);
    }

    private static JsonNode payload(Attachment attachment) {
        if (attachment.payloadJson() == null) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode payload = MAPPER.readTree(attachment.payloadJson());
            return payload == null || !payload.isObject() ? MAPPER.createObjectNode() : payload;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
