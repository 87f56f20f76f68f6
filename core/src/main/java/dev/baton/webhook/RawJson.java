package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Turns a subtree of a {@link JsonTape} back into compact JSON text, for the parts of an event kept whole
 * (unknown events, opt-ins, attachment payloads): field order as sent, strings re-escaped and numbers
 * written by Jackson's generator, exactly as the tree-based parser's {@code writeValueAsString} did.
 */
final class RawJson {

    private final JsonFactory factory;

    RawJson(JsonFactory factory) {
        this.factory = factory;
    }

    String of(JsonTape tape, int node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = factory.createGenerator(text)) {
            tape.write(node, out);
        } catch (IOException e) {
            // Writing a tape the parser just filled into memory cannot fail; reaching here is a bug.
            throw new IllegalStateException("could not re-serialise a parsed JSON value", e);
        }
        return text.toString();
    }
}
