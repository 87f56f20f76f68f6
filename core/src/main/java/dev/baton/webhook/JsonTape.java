package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One JSON document as a flat table of its values in document order, filled in one pass (by
 * {@link FastJsonScanner}, or by {@link JacksonTapeReader} from Jackson's streaming parser): a node is an
 * {@code int} index, a container's members follow it and {@link #next} jumps over a whole subtree. It replaces
 * a Jackson tree (an object and a map per JSON object, a node per value) with five arrays, while the readers
 * keep asking "which field, of which type" in their own order, so which problem is reported first does not
 * depend on the order of fields in the body.
 *
 * <p>Values are as Jackson's tree held them: integers as {@code long} or, beyond 64 bits, {@link BigInteger};
 * decimals as {@link BigDecimal} with their scale kept; strings decoded. Not thread-safe: one tape per parse.
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

    JsonTape(int capacity) {
        int size = Math.max(16, capacity);
        types = new byte[size];
        ends = new int[size];
        names = new String[size];
        values = new Object[size];
        longs = new long[size];
    }

    /** Appends a value (a container is open until {@link #close}); returns its node. */
    int add(Type type, String name) {
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

    /** Not {@code values[add(...)] = v} at the call site: Java reads the array before add() may replace it. */
    void setValue(int node, Object value) {
        values[node] = value;
    }

    void setLong(int node, long value) {
        longs[node] = value;
    }

    /** Ends an open container after the values added so far. */
    void close(int container) {
        ends[container] = count;
    }

    /** True when the still open {@code object} already has a member called {@code name}. */
    boolean openObjectHas(int object, String name) {
        for (int member = object + 1; member < count; member = ends[member]) {
            if (name.equals(names[member])) {
                return true;
            }
        }
        return false;
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
