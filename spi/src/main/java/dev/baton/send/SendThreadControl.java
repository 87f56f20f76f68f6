package dev.baton.send;

import dev.baton.graph.error.InvalidRequestException;

/**
 * The Send API's {@code thread_control} object, in one of Meta's two forms, never both:
 * <ul>
 *   <li>payload form: {@code {"payload":"pass_thread_control"|"release_thread_control"}} (to the default app);
 *   <li>app-id form: {@code {"app_id":"...","control_type":"pass"|"release"}}; no control type means release.
 * </ul>
 * Setting both forms is refused with {@link InvalidRequestException} when the value is built, before any call.
 */
public record SendThreadControl(Payload payload, String appId, ControlType controlType) {

    /** The payload form's values. */
    public enum Payload {
        PASS_THREAD_CONTROL,
        RELEASE_THREAD_CONTROL
    }

    /** The app-id form's {@code control_type}. */
    public enum ControlType {
        PASS,
        RELEASE
    }

    public SendThreadControl {
        if (payload != null && (appId != null || controlType != null)) {
            throw new InvalidRequestException("thread_control", "the payload form (payload) and the app-id form "
                    + "(app_id/control_type) cannot be combined in one request; choose one");
        }
        if (payload == null) {
            if (appId == null) {
                throw new InvalidRequestException("thread_control", "needs either payload or app_id");
            }
            Limits.numericId("thread_control.app_id", appId);
        }
    }

    /** Payload form: pass to the Page's default app (a webhook tells it to continue). */
    public static SendThreadControl passToDefaultApp() {
        return new SendThreadControl(Payload.PASS_THREAD_CONTROL, null, null);
    }

    /** Payload form: release to the default app (no webhook). */
    public static SendThreadControl release() {
        return new SendThreadControl(Payload.RELEASE_THREAD_CONTROL, null, null);
    }

    /** App-id form with {@code control_type: pass}. */
    public static SendThreadControl passTo(String appId) {
        return new SendThreadControl(null, appId, ControlType.PASS);
    }

    /** App-id form with {@code control_type: release}. */
    public static SendThreadControl releaseTo(String appId) {
        return new SendThreadControl(null, appId, ControlType.RELEASE);
    }

    /** True when this passes control (a webhook follows); false when it releases. */
    public boolean passes() {
        return payload == Payload.PASS_THREAD_CONTROL || controlType == ControlType.PASS;
    }
}
