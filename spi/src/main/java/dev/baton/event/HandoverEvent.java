package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A {@code messaging_handovers} event. App ids are kept as decimal strings whether Meta sent them as JSON
 * strings or numbers; {@code previousOwnerAppId} is null when the thread came from idle mode.
 */
public sealed interface HandoverEvent extends WebhookEvent {

    /** Control was passed to {@code newOwnerAppId}. */
    record PassThreadControl(EventHeader header, String previousOwnerAppId, String newOwnerAppId, String metadata)
            implements HandoverEvent {
        public PassThreadControl {
            requireNonNull(header, "header is null");
        }

        @Override
        public String kind() {
            return "pass_thread_control";
        }
    }

    /**
     * {@code newOwnerAppId} took control from {@code previousOwnerAppId}. Older documented shapes (and
     * several SDKs) send no {@code new_owner_app_id}: it is then null, and the taker is only known to be some
     * app other than the previous owner.
     */
    record TakeThreadControl(EventHeader header, String previousOwnerAppId, String newOwnerAppId, String metadata)
            implements HandoverEvent {
        public TakeThreadControl {
            requireNonNull(header, "header is null");
        }

        @Override
        public String kind() {
            return "take_thread_control";
        }
    }

    /** Sent to the owner: {@code requestedOwnerAppId} asks for control. */
    record RequestThreadControl(EventHeader header, String requestedOwnerAppId, String metadata)
            implements HandoverEvent {
        public RequestThreadControl {
            requireNonNull(header, "header is null");
        }

        @Override
        public String kind() {
            return "request_thread_control";
        }
    }

    /**
     * Legacy {@code app_roles}: app id to roles such as {@code primary_receiver}. Meta's own sample has no
     * {@code sender}: the header's {@code senderId} is then {@code ""} and the event is Page-level.
     */
    record AppRoles(EventHeader header, Map<String, List<String>> roles) implements HandoverEvent {
        public AppRoles {
            requireNonNull(header, "header is null");
            roles = Map.copyOf(requireNonNull(roles, "roles is null"));
        }

        @Override
        public String kind() {
            return "app_roles";
        }
    }
}
