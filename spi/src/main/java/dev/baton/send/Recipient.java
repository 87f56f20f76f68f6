package dev.baton.send;

/**
 * Who a send goes to: the {@code recipient} object. Only {@link Id} is a person in a conversation and
 * subject to the messaging window; the other forms address a person through something they did (a
 * checkbox plugin {@code user_ref}, a post or comment for private replies, a notification-messages token).
 */
public sealed interface Recipient {

    /** The JSON field name inside {@code recipient}. */
    String field();

    /** The field's value. */
    String value();

    static Recipient id(String psid) {
        return new Id(psid);
    }

    /** A person by PSID or IGSID. */
    record Id(String value) implements Recipient {
        public Id {
            Limits.required("recipient.id", value, 64);
        }

        @Override
        public String field() {
            return "id";
        }
    }

    /** A person who ticked a checkbox plugin: {@code user_ref}. */
    record UserRef(String value) implements Recipient {
        public UserRef {
            Limits.required("recipient.user_ref", value, 1000);
        }

        @Override
        public String field() {
            return "user_ref";
        }
    }

    /** A private reply to the author of a Page post: {@code post_id}. */
    record PostId(String value) implements Recipient {
        public PostId {
            Limits.required("recipient.post_id", value, 128);
        }

        @Override
        public String field() {
            return "post_id";
        }
    }

    /** A private reply to the author of a comment: {@code comment_id}. */
    record CommentId(String value) implements Recipient {
        public CommentId {
            Limits.required("recipient.comment_id", value, 128);
        }

        @Override
        public String field() {
            return "comment_id";
        }
    }

    /** A person who opted in to notification messages: {@code notification_messages_token}. */
    record NotificationMessagesToken(String value) implements Recipient {
        public NotificationMessagesToken {
            Limits.required("recipient.notification_messages_token", value, 1000);
        }

        @Override
        public String field() {
            return "notification_messages_token";
        }

        @Override
        public String toString() {
            return "NotificationMessagesToken[hidden]";
        }
    }
}
