package dev.baton.send;

import static java.util.Objects.requireNonNull;

/** {@code message.attachment}: a media file (by URL or by an uploaded {@code attachment_id}) or a template. */
public sealed interface OutgoingAttachment {

    static OutgoingAttachment url(MediaType type, String url) {
        return new Media(type, url, null, false);
    }

    static OutgoingAttachment uploaded(MediaType type, String attachmentId) {
        return new Media(type, null, attachmentId, false);
    }

    /** {@code {"type":"image|audio|video|file","payload":{"url"|"attachment_id", "is_reusable"}}}. */
    record Media(MediaType type, String url, String attachmentId, boolean reusable) implements OutgoingAttachment {
        public Media {
            requireNonNull(type, "type is null");
            Limits.check((url == null) != (attachmentId == null), "message.attachment.payload",
                    "needs exactly one of url and attachment_id");
            Limits.atMost("message.attachment.payload.url", url, 2083);
            Limits.check(attachmentId == null || !reusable, "message.attachment.payload.is_reusable",
                    "applies to a url upload, not to an attachment_id");
        }
    }

    /** {@code {"type":"template","payload":{"template_type":...}}}. */
    record TemplateAttachment(Template template) implements OutgoingAttachment {
        public TemplateAttachment {
            requireNonNull(template, "template is null");
        }
    }
}
