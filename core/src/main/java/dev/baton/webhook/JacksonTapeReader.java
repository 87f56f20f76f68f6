package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.webhook.JsonTape.Type;
import java.io.IOException;
import java.util.Arrays;

/**
 * Fills a {@link JsonTape} from Jackson's streaming parser: the complete path, which accepts every body
 * Jackson accepts under the parser's limits and reports each syntax error, duplicate field and limit with
 * Jackson's own message and position. Values are converted as Jackson's tree converted them: integers by
 * {@link JsonParser#getNumberType()}, decimals as {@link java.math.BigDecimal} (scale kept).
 */
final class JacksonTapeReader {

    private JacksonTapeReader() {}

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token, up to and including its
     * {@code END_OBJECT}. The root is node 0.
     */
    static JsonTape readObject(JsonParser parser, int sizeHint) throws IOException {
        JsonTape tape = new JsonTape(sizeHint);
        int[] open = new int[16];
        int depth = 0;
        open[depth++] = tape.add(Type.OBJECT, null);
        String name = null;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                // Jackson reports an unclosed document itself; this guards against a parser that does not.
                throw new JsonParseException(parser, "Unexpected end-of-input");
            }
            switch (token) {
                case FIELD_NAME -> {
                    name = parser.currentName();
                    continue;
                }
                case START_OBJECT, START_ARRAY -> {
                    if (depth == open.length) {
                        open = Arrays.copyOf(open, depth * 2);
                    }
                    open[depth++] = tape.add(token == JsonToken.START_OBJECT ? Type.OBJECT : Type.ARRAY, name);
                }
                case END_OBJECT, END_ARRAY -> tape.close(open[--depth]);
                case VALUE_STRING -> tape.setValue(tape.add(Type.STRING, name), parser.getText());
                case VALUE_NUMBER_INT -> addInteger(tape, parser, name);
                // The tree read every decimal as a BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS), so does the tape.
                case VALUE_NUMBER_FLOAT -> tape.setValue(tape.add(Type.DECIMAL, name), parser.getDecimalValue());
                case VALUE_TRUE -> tape.add(Type.TRUE, name);
                case VALUE_FALSE -> tape.add(Type.FALSE, name);
                case VALUE_NULL -> tape.add(Type.NULL, name);
                default -> throw new JsonParseException(parser, "Unexpected token " + token);
            }
            name = null;
        }
        return tape;
    }

    private static void addInteger(JsonTape tape, JsonParser parser, String name) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            tape.setValue(tape.add(Type.BIG_INTEGER, name), parser.getBigIntegerValue());
        } else {
            int node = tape.add(Type.INTEGER, name);
            tape.setLong(node, parser.getLongValue());
        }
    }
}
