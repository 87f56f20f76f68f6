package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes of one JSON value as Meta sent it (an event, an attachment payload...), so that a field
 * Baton does not model is never out of an app's reach. The bytes are UTF-8 and, as Meta escapes every
 * non-ASCII character, usually ASCII; they are not re-serialised, so {@code 1.10} stays {@code 1.10} and
 * {@code \u00e4} stays escaped.
 *
 * <p>A slice of the webhook body it came from (no copy is made: the body is never changed once read). Equal
 * when the bytes are equal. Immutable and thread-safe. {@link #NONE} stands for "no raw JSON" on events built
 * in code (tests, the emulator).
 */
public final class RawJson {

    /** No raw JSON: an event that was built in code rather than read from a body. */
    public static final RawJson NONE = new RawJson(new byte[0], 0, 0);

    private final byte[] source;
    private final int offset;
    private final int length;

    private RawJson(byte[] source, int offset, int length) {
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    /**
     * The bytes {@code [offset, offset + length)} of {@code source}, which the caller promises never to change.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code source}
     */
    public static RawJson slice(byte[] source, int offset, int length) {
        requireNonNull(source, "source is null");
        java.util.Objects.checkFromIndexSize(offset, length, source.length);
        return length == 0 ? NONE : new RawJson(source, offset, length);
    }

    /** JSON text as raw JSON (UTF-8). */
    public static RawJson of(String json) {
        byte[] bytes = requireNonNull(json, "json is null").getBytes(StandardCharsets.UTF_8);
        return slice(bytes, 0, bytes.length);
    }

    /** True for {@link #NONE}: there is no raw JSON. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    /** The JSON text ({@code ""} for {@link #NONE}). */
    public String text() {
        return new String(source, offset, length, StandardCharsets.UTF_8);
    }

    /** Writes the bytes without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(source, offset, length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw
                && Arrays.equals(source, offset, offset + length, raw.source, raw.offset, raw.offset + raw.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + source[i];
        }
        return hash;
    }

    /** The JSON text; may hold a person's message, so it is not for log lines. */
    @Override
    public String toString() {
        return text();
    }
}
