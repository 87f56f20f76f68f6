package dev.baton.store.postgres;

import java.nio.charset.StandardCharsets;

/** Webhook bodies for tests: {@code events} messaging events for one person. */
final class Bodies {

    private Bodies() {}

    static byte[] batch(String userId, int events) {
        StringBuilder json = new StringBuilder("{\"object\":\"page\",\"entry\":[{\"id\":\"100\",\"time\":1,\"messaging\":[");
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sender\":{\"id\":\"").append(userId).append("\"},\"recipient\":{\"id\":\"100\"},")
                    .append("\"timestamp\":").append(i).append(",\"message\":{\"mid\":\"m-").append(userId)
                    .append('-').append(i).append("\",\"text\":\"hi\"}}");
        }
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One messaging event per user, in order (so a batch's events fall in several buckets). */
    static byte[] mixed(String... userIds) {
        StringBuilder json = new StringBuilder("{\"object\":\"page\",\"entry\":[{\"id\":\"100\",\"time\":1,\"messaging\":[");
        for (int i = 0; i < userIds.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sender\":{\"id\":\"").append(userIds[i]).append("\"},\"recipient\":{\"id\":\"100\"},")
                    .append("\"timestamp\":").append(i).append(",\"message\":{\"mid\":\"m-").append(userIds[i])
                    .append('-').append(i).append("\",\"text\":\"hi\"}}");
        }
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
