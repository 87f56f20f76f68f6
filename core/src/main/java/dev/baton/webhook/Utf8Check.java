package dev.baton.webhook;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no cut-off
 * sequences. Jackson decodes leniently (it accepts overlong forms and code points above U+10FFFF, and does
 * not check field names fully), and two readers that decode one signed body differently must not exist.
 * ASCII, which is all Meta sends since it escapes everything else, is checked eight bytes at a time: one
 * unaligned long read and one mask test per word, falling back to the byte-wise decoder only at a word that
 * holds a byte with its high bit set.
 */
final class Utf8Check {

    /** Byte order does not matter for the test: the mask has the high bit of every byte set. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8Check() {}

    /** The offset of the first byte that starts an invalid sequence, or -1 when all of {@code bytes} is valid. */
    static int firstInvalid(byte[] bytes) {
        int length = bytes.length;
        int i = 0;
        while (i < length) {
            if (length - i >= Long.BYTES && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES; // eight ASCII bytes
                continue;
            }
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xff;
            int continuations;
            if (lead >= 0xc2 && lead <= 0xdf) {
                continuations = 1;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                continuations = 2;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                continuations = 3;
            } else {
                return i; // a continuation byte, an overlong two-byte lead (C0, C1) or F5..FF
            }
            if (i + continuations >= length) {
                return i;
            }
            int second = bytes[i + 1] & 0xff;
            boolean secondInRange = switch (lead) {
                case 0xe0 -> second >= 0xa0; // shorter forms are overlong
                case 0xed -> second <= 0x9f; // above are the UTF-16 surrogates
                case 0xf0 -> second >= 0x90; // overlong
                case 0xf4 -> second <= 0x8f; // above U+10FFFF
                default -> true;
            };
            if (!secondInRange) {
                return i;
            }
            for (int k = 1; k <= continuations; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += continuations + 1;
        }
        return -1;
    }
}
