package dev.baton.webhook;

/**
 * Where the reader is inside a webhook body, kept as a chain of small links so that the dotted string
 * ({@code entry[0].messaging[1].sender.id}) is only built when a parse error needs it.
 */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath(null, null, -1);
    private static final int MAX_LENGTH = 200;

    private final JsonPath parent;
    private final String field;
    private final int index;

    private JsonPath(JsonPath parent, String field, int index) {
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    JsonPath field(String name) {
        return new JsonPath(this, name, -1);
    }

    JsonPath index(int position) {
        return new JsonPath(this, null, position);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        // Field names can come from the input (app_roles keys); keep messages short whatever arrives.
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH) + "...";
    }

    private void append(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.append(out);
        if (field == null) {
            out.append('[').append(index).append(']');
        } else {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(field);
        }
    }
}
