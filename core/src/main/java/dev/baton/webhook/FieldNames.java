package dev.baton.webhook;

import java.nio.charset.StandardCharsets;

/**
 * The field names of Meta's webhook bodies, found by their bytes so that {@link FastJsonScanner} hands the
 * readers these very String constants (found by identity in {@link JsonTape#get}) instead of a new String
 * per name. A fixed table, built once; names not in it are simply not found.
 */
final class FieldNames {

    private static final String[] NAMES = {"object", "entry", "id", "time", "messaging", "standby", "hop_context",
        "app_id", "metadata", "sender", "recipient", "timestamp", "message", "postback", "referral",
        "pass_thread_control", "take_thread_control", "request_thread_control", "app_roles", "read", "delivery",
        "reaction", "optin", "mid", "text", "quick_reply", "payload", "attachments", "reply_to", "is_self_reply",
        "type", "url", "title", "sticker_id", "source", "ref", "ad_id", "referer_uri", "ads_context_data",
        "ad_title", "photo_url", "video_url", "post_id", "product_id", "flow_id", "is_echo", "is_deleted",
        "watermark", "mids", "action", "emoji", "user_ref", "previous_owner_app_id", "new_owner_app_id",
        "requested_owner_app_id", "seq", "nlp", "entities", "traits", "detected_locales", "commands", "name",
        "ctwa_clid", "ads_context", "is_unsupported", "sticker", "reel_video_id", "user_ref_id", "notification_messages_token"};
    private static final int MASK = 255;
    private static final String[] TABLE = new String[MASK + 1];
    private static final byte[][] BYTES = new byte[MASK + 1][];

    static {
        for (String name : NAMES) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = slot(hash(bytes));
            while (TABLE[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = name;
            BYTES[slot] = bytes;
        }
    }

    private FieldNames() {}

    /**
     * The constant equal to {@code in[start, start + length)}, or null. {@code hash} is {@code 31 * h + b}
     * over those bytes, which the caller computed while finding the name's end.
     */
    static String find(byte[] in, int start, int length, int hash) {
        for (int slot = slot(hash); TABLE[slot] != null; slot = (slot + 1) & MASK) {
            byte[] candidate = BYTES[slot];
            if (candidate.length == length && same(candidate, in, start)) {
                return TABLE[slot];
            }
        }
        return null;
    }

    private static boolean same(byte[] candidate, byte[] in, int start) {
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] != in[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] bytes) {
        int hash = 0;
        for (byte b : bytes) {
            hash = 31 * hash + b;
        }
        return hash;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & MASK;
    }
}
