package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonParser;
import dev.baton.event.RawJson;

/**
 * The body being read and where the parser's byte offsets start in it (a parser may be reading a slice of the
 * body, for an array that had to be read after the rest of its entry). Hands out {@link RawJson} slices of the
 * body, which is never changed once read.
 */
final class Source {

    private final byte[] body;
    private final int base;

    Source(byte[] body, int base) {
        this.body = body;
        this.base = base;
    }

    byte[] body() {
        return body;
    }

    /** Where the parser's current token starts, in the body. */
    int tokenStart(JsonParser parser) {
        return base + (int) parser.currentTokenLocation().getByteOffset();
    }

    /** Where the parser stands now (just after its current token), in the body. */
    int position(JsonParser parser) {
        return base + (int) parser.currentLocation().getByteOffset();
    }

    RawJson slice(int from, int to) {
        return RawJson.slice(body, from, to - from);
    }

    /** A source for a parser reading {@code body} from {@code offset}. */
    Source at(int offset) {
        return new Source(body, offset);
    }
}
