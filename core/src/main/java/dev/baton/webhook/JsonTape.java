package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One JSON document as a flat table of its values in document order, filled in one pass of Jackson's
 * streaming parser: a node is an {@code int} index, a container's members follow it and {@link #next} jumps
 * over a whole subtree. It replaces a Jackson tree (an object and a map per JSON object, a node per value)
 * with five arrays, while the readers keep asking "which field, of which type" in their own order, so which
 * problem is reported first does not depend on the order of fields in the body.
 *
 * <p>Values are converted exactly as Jackson's tree did it: integers as {@code long} or, beyond 64 bits,
 * {@link BigInteger}; decimals as {@link BigDecimal} with their scale kept; field names as Jackson's
 * canonical strings. Not thread-safe: one tape per parse.
 */
final class JsonTape {

    static final int ABSENT = -1;

    enum Type { OBJECT, ARRAY, STRING, INTEGER, BIG_INTEGER, DECIMAL, TRUE, FALSE, NULL }

    private static final Type[] TYPES = Type.values();

    private byte[] types;
    /** For each node, the index just past its subtree (the next sibling's index). */
    private int[] ends;
    /** For each member of an object, its field name; null for array elements and the root. */
    private String[] names;
    /** Strings, {@link BigInteger}s and {@link BigDecimal}s. */
    private Object[] values;
    private long[] longs;
    private int count;

    private JsonTape(int capacity) {
        types = new byte[capacity];
        ends = new int[capacity];
        names = new String[capacity];
        values = new Object[capacity];
        longs = new long[capacity];
    }

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token, up to and including its
     * {@code END_OBJECT}. The root is node 0.
     */
    static JsonTape readObject(JsonParser parser, int sizeHint) throws IOException {
        JsonTape tape = new JsonTape(Math.max(16, sizeHint));
        tape.fill(parser);
        return tape;
    }

    private void fill(JsonParser parser) throws IOException {
        int[] open = new int[16];
        int depth = 0;
        open[depth++] = add(Type.OBJECT, null);
        String name = null;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                // Jackson reports an unclosed document itself; this guards against a parser that does not.
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end-of-input");
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
                    open[depth++] = add(token == JsonToken.START_OBJECT ? Type.OBJECT : Type.ARRAY, name);
                }
                case END_OBJECT, END_ARRAY -> ends[open[--depth]] = count;
                case VALUE_STRING -> setValue(add(Type.STRING, name), parser.getText());
                case VALUE_NUMBER_INT -> addInteger(parser, name);
                // The tree read every decimal as a BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS), so does the tape.
                case VALUE_NUMBER_FLOAT -> setValue(add(Type.DECIMAL, name), parser.getDecimalValue());
                case VALUE_TRUE -> add(Type.TRUE, name);
                case VALUE_FALSE -> add(Type.FALSE, name);
                case VALUE_NULL -> add(Type.NULL, name);
                default -> throw new com.fasterxml.jackson.core.JsonParseException(parser,
                        "Unexpected token " + token);
            }
            name = null;
        }
    }

    private void addInteger(JsonParser parser, String name) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            setValue(add(Type.BIG_INTEGER, name), parser.getBigIntegerValue());
        } else {
            int node = add(Type.INTEGER, name);
            longs[node] = parser.getLongValue();
        }
    }

    /** Not {@code values[add(...)] = v}: Java reads the array field before add() may replace it. */
    private void setValue(int node, Object value) {
        values[node] = value;
    }

    private int add(Type type, String name) {
        if (count == types.length) {
            int capacity = count * 2;
            types = Arrays.copyOf(types, capacity);
            ends = Arrays.copyOf(ends, capacity);
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            longs = Arrays.copyOf(longs, capacity);
        }
        int node = count++;
        types[node] = (byte) type.ordinal();
        names[node] = name;
        ends[node] = node + 1; // containers get theirs when they close
        return node;
    }

    /** The member of {@code object} called {@code name}, or {@link #ABSENT}. */
    int get(int object, String name) {
        for (int member = object + 1, end = ends[object]; member < end; member = ends[member]) {
            if (name.equals(names[member])) {
                return member;
            }
        }
        return ABSENT;
    }

    /** The first element or member of a container, or {@link #ABSENT} when it is empty. */
    int first(int container) {
        return container + 1 < ends[container] ? container + 1 : ABSENT;
    }

    /** The sibling after {@code node} inside {@code container}, or {@link #ABSENT} after the last. */
    int next(int container, int node) {
        int next = ends[node];
        return next < ends[container] ? next : ABSENT;
    }

    int size(int container) {
        int size = 0;
        for (int node = first(container); node != ABSENT; node = next(container, node)) {
            size++;
        }
        return size;
    }

    Type type(int node) {
        return TYPES[types[node]];
    }

    /** Absent, or JSON null: the readers treat both alike. */
    boolean isAbsent(int node) {
        return node == ABSENT || types[node] == Type.NULL.ordinal();
    }

    boolean is(int node, Type type) {
        return types[node] == type.ordinal();
    }

    boolean isIntegral(int node) {
        return is(node, Type.INTEGER) || is(node, Type.BIG_INTEGER);
    }

    /** An integral number that fits a {@code long}. */
    boolean isLong(int node) {
        return is(node, Type.INTEGER) || (is(node, Type.BIG_INTEGER) && ((BigInteger) values[node]).bitLength() < 64);
    }

    String name(int member) {
        return names[member];
    }

    String text(int node) {
        return (String) values[node];
    }

    long longValue(int node) {
        return is(node, Type.INTEGER) ? longs[node] : ((BigInteger) values[node]).longValue();
    }

    /** An integral number in decimal, however long. */
    String integerText(int node) {
        return is(node, Type.INTEGER) ? Long.toString(longs[node]) : values[node].toString();
    }

    /** Writes the subtree at {@code node} as JSON, as Jackson wrote the tree it replaces. */
    void write(int node, JsonGenerator out) throws IOException {
        switch (type(node)) {
            case OBJECT -> {
                out.writeStartObject();
                for (int member = first(node); member != ABSENT; member = next(node, member)) {
                    out.writeFieldName(names[member]);
                    write(member, out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (int element = first(node); element != ABSENT; element = next(node, element)) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString((String) values[node]);
            case INTEGER -> out.writeNumber(longs[node]);
            case BIG_INTEGER -> out.writeNumber((BigInteger) values[node]);
            case DECIMAL -> out.writeNumber((BigDecimal) values[node]);
            case TRUE -> out.writeBoolean(true);
            case FALSE -> out.writeBoolean(false);
            case NULL -> out.writeNull();
        }
    }
}
