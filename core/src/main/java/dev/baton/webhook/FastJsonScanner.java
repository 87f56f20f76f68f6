package dev.baton.webhook;

import dev.baton.webhook.JsonTape.Type;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link WebhookParser}: fills a {@link JsonTape} straight from the bytes for the plain
 * JSON Meta sends, and declines (returns null) everything else, which then goes through Jackson
 * ({@link JacksonTapeReader}) to be accepted or refused with Jackson's exact message and position.
 *
 * <p>It is deliberately narrower than Jackson, never wider: it accepts only a body that is one object of
 * RFC 8259 JSON with integers that fit a {@code long} (no decimals or exponents), at most
 * {@value #MAX_DEPTH} levels, at most {@value #MAX_MEMBERS} members per object and no repeated field name,
 * strings no longer than the parser's limits, and only white space after it. Each value it accepts is the
 * value Jackson would produce. The body has already passed {@link Utf8Check}, so raw non-ASCII bytes inside
 * strings are valid UTF-8. Not thread-safe: one scanner per body.
 */
final class FastJsonScanner {

    static final int MAX_DIGITS = 19;
    static final int MAX_DEPTH = 64;
    /** Duplicate names are found by a linear scan; a bigger object goes to Jackson's hashed check. */
    static final int MAX_MEMBERS = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final byte[] in;
    private final JsonTape tape;
    private int pos;

    private FastJsonScanner(byte[] in, int sizeHint) {
        this.in = in;
        this.tape = new JsonTape(sizeHint);
    }

    /** The body as a tape, or null when it is not in the plain form this scanner takes. */
    static JsonTape scan(byte[] body, int sizeHint) {
        return new FastJsonScanner(body, sizeHint).scan();
    }

    private JsonTape scan() {
        skipWhiteSpace();
        if (!at('{')) {
            return null;
        }
        pos++;
        int[] open = new int[8];
        int[] members = new int[8];
        int depth = 0;
        open[depth++] = tape.add(Type.OBJECT, null);
        boolean first = true;
        while (true) {
            int container = open[depth - 1];
            boolean inObject = tape.is(container, Type.OBJECT);
            skipWhiteSpace();
            boolean closed = first && at(inObject ? '}' : ']');
            if (!closed) {
                String name = null;
                if (inObject) {
                    name = name();
                    if (name == null || ++members[depth - 1] > MAX_MEMBERS || tape.openObjectHas(container, name)) {
                        return null;
                    }
                    skipWhiteSpace();
                    if (!at(':')) {
                        return null;
                    }
                    pos++;
                    skipWhiteSpace();
                }
                if (at('{') || at('[')) {
                    if (depth == MAX_DEPTH) {
                        return null;
                    }
                    if (depth == open.length) {
                        open = Arrays.copyOf(open, depth * 2);
                        members = Arrays.copyOf(members, depth * 2);
                    }
                    Type type = at('{') ? Type.OBJECT : Type.ARRAY;
                    pos++;
                    members[depth] = 0;
                    open[depth++] = tape.add(type, name);
                    first = true;
                    continue;
                }
                if (!scalar(name)) {
                    return null;
                }
            }
            // After a value (or an empty container's opening): a comma, or closers up the stack.
            first = false;
            while (true) {
                if (closed) {
                    pos++;
                    tape.close(open[--depth]);
                    if (depth == 0) {
                        skipWhiteSpace();
                        return pos == in.length ? tape : null;
                    }
                }
                skipWhiteSpace();
                if (at(',')) {
                    pos++;
                    break;
                }
                closed = at(tape.is(open[depth - 1], Type.OBJECT) ? '}' : ']');
                if (!closed) {
                    return null;
                }
            }
        }
    }

    private boolean scalar(String name) {
        if (pos >= in.length) {
            return false;
        }
        return switch (in[pos]) {
            case '"' -> {
                String text = string(WebhookParser.MAX_STRING_LENGTH);
                if (text != null) {
                    tape.setValue(tape.add(Type.STRING, name), text);
                }
                yield text != null;
            }
            case 't' -> literal("true", Type.TRUE, name);
            case 'f' -> literal("false", Type.FALSE, name);
            case 'n' -> literal("null", Type.NULL, name);
            default -> integer(name);
        };
    }

    private boolean literal(String word, Type type, String name) {
        int end = pos + word.length();
        if (end >= in.length || !endsValue(in[end])) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos = end;
        tape.add(type, name);
        return true;
    }

    /** {@code -?(0|[1-9][0-9]*)} that fits a {@code long}, followed by a delimiter. */
    private boolean integer(String name) {
        int i = pos;
        boolean negative = in[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < in.length && in[i] >= '0' && in[i] <= '9') {
            value = value * 10 + (in[i] - '0');
            i++;
        }
        int digits = i - digitsStart;
        boolean leadingZero = digits > 1 && in[digitsStart] == '0';
        if (digits == 0 || digits > MAX_DIGITS || leadingZero || i >= in.length || !endsValue(in[i])) {
            return false;
        }
        if (digits == MAX_DIGITS) {
            // Nineteen digits may not fit a long: parse exactly, and leave the ones beyond it to Jackson.
            try {
                value = Long.parseLong(new String(in, pos, i - pos, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException beyondLong) {
                return false;
            }
        } else if (negative) {
            value = -value;
        }
        pos = i;
        tape.setLong(tape.add(Type.INTEGER, name), value);
        return true;
    }

    /** A member's name: known names come back as the readers' own constants, without a new String. */
    private String name() {
        if (!at('"')) {
            return null;
        }
        int start = pos + 1;
        int hash = 0;
        int i = start;
        int limit = Math.min(in.length, start + WebhookParser.MAX_NAME_LENGTH);
        // Plain printable ASCII up to the closing quote; anything else takes the general string path.
        while (i < limit && in[i] >= 0x20 && in[i] != '"' && in[i] != '\\') {
            hash = 31 * hash + in[i];
            i++;
        }
        if (i == limit || in[i] != '"') {
            return string(WebhookParser.MAX_NAME_LENGTH);
        }
        pos = i + 1;
        String known = FieldNames.find(in, start, i - start, hash);
        return known != null ? known : new String(in, start, i - start, StandardCharsets.ISO_8859_1);
    }

    /** The string starting at the quote under {@code pos}, or null when it is not plain JSON or too long. */
    private String string(int maxLength) {
        int start = pos + 1;
        boolean ascii = true;
        for (int i = plainAsciiRun(start); i < in.length && i - start <= maxLength; i++) {
            byte b = in[i];
            if (b == '"') {
                pos = i + 1;
                return new String(in, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return EscapedStrings.decode(this, start, maxLength);
            }
            if (b >= 0 && b < 0x20) {
                return null; // a raw control character: Jackson refuses it
            }
            ascii &= b >= 0;
        }
        return null;
    }

    /**
     * Skips eight bytes at a time while none of them is a quote, a backslash, a control character or
     * non-ASCII (the usual SWAR tests: a byte's high bit survives {@code (x - k) & ~x} only where
     * {@code x < k}); returns where the byte-wise loop has to look.
     */
    private int plainAsciiRun(int from) {
        int i = from;
        while (in.length - i >= Long.BYTES) {
            long word = (long) LONGS.get(in, i);
            long quote = word ^ 0x2222_2222_2222_2222L;
            long backslash = word ^ 0x5c5c_5c5c_5c5c_5c5cL;
            long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
                    | ((word - 0x2020_2020_2020_2020L) & ~word) | word;
            if ((special & HIGH_BITS) != 0) {
                return i;
            }
            i += Long.BYTES;
        }
        return i;
    }

    byte[] input() {
        return in;
    }

    void moveTo(int position) {
        pos = position;
    }

    private boolean at(char c) {
        return pos < in.length && in[pos] == c;
    }

    private void skipWhiteSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private static boolean endsValue(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
