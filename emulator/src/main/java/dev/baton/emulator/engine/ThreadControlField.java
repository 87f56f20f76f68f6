package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Send API's {@code thread_control}: either the payload form ({@code pass_thread_control} or
 * {@code release_thread_control}, always towards the default app) or the {@code app_id}/{@code control_type}
 * form ({@code control_type} absent means release). Combining the two forms is code 100, as Meta documents.
 */
record ThreadControlField(boolean pass, String targetAppId) {

    static ThreadControlField parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw GraphError.invalidParameter("param thread_control must be an object").exception();
        }
        String payload = SendCall.text(node, "payload");
        String appId = SendCall.text(node, "app_id");
        String controlType = SendCall.text(node, "control_type");
        if (payload != null && (appId != null || controlType != null)) {
            throw GraphError.invalidParameter(
                    "thread_control: payload-based and id-based parameters cannot be combined").exception();
        }
        if (payload != null) {
            return switch (payload) {
                case "pass_thread_control" -> new ThreadControlField(true, null);
                case "release_thread_control" -> new ThreadControlField(false, null);
                default -> throw GraphError.invalidParameter(
                        "thread_control[payload] must be pass_thread_control or release_thread_control").exception();
            };
        }
        if (appId == null) {
            throw GraphError.invalidParameter("thread_control needs payload or app_id").exception();
        }
        if (controlType == null || controlType.equals("release")) {
            return new ThreadControlField(false, appId);
        }
        if (controlType.equals("pass")) {
            return new ThreadControlField(true, appId);
        }
        throw GraphError.invalidParameter("thread_control[control_type] must be pass or release").exception();
    }
}
