package dev.baton.graph.error;

/**
 * Meta's error envelope, {@code {"error":{"message","type","code","error_subcode","fbtrace_id",
 * "error_user_title","error_user_msg"}}}, plus the HTTP status it came with. {@code subcode} is 0 when absent.
 * The message is Meta's text with any credential removed by the client before it gets here.
 */
public record MetaError(
        int httpStatus,
        String message,
        String type,
        int code,
        int subcode,
        String fbtraceId,
        String userTitle,
        String userMessage) {

    public MetaError {
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return "(#" + code + (subcode != 0 ? "/" + subcode : "") + ", HTTP " + httpStatus
                + (type != null ? ", " + type : "") + (fbtraceId != null ? ", fbtrace_id " + fbtraceId : "")
                + ") " + message;
    }
}
