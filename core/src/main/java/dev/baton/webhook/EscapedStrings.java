package dev.baton.webhook;

import java.nio.charset.StandardCharsets;

/**
 * {@link FastJsonScanner}'s path for a string holding backslash escapes: the eight short escapes and
 * {@code \\uXXXX}, decoded one UTF-16 unit at a time exactly as Jackson decodes them (an escaped lone
 * surrogate stays one char). Anything else (an unknown escape, a raw control character, a cut-off string)
 * declines, and Jackson gets to report it.
 */
final class EscapedStrings {

    private EscapedStrings() {}

    /** Decodes from {@code start} (just after the opening quote) to the closing quote; null to decline. */
    static String decode(FastJsonScanner scanner, int start, int maxLength) {
        byte[] in = scanner.input();
        StringBuilder out = new StringBuilder(32);
        int segment = start;
        int i = start;
        while (i < in.length && i - start <= maxLength) {
            byte b = in[i];
            if (b == '"') {
                appendUtf8(out, in, segment, i);
                scanner.moveTo(i + 1);
                return out.toString();
            }
            if (b >= 0 && b < 0x20) {
                return null;
            }
            if (b != '\\') {
                i++;
                continue;
            }
            appendUtf8(out, in, segment, i);
            if (i + 1 >= in.length) {
                return null;
            }
            int escaped = unescape(in, i + 1);
            if (escaped < 0) {
                return null;
            }
            out.append((char) escaped);
            i += in[i + 1] == 'u' ? 6 : 2;
            segment = i;
        }
        return null;
    }

    /** The char of the escape whose letter is at {@code at}, or -1 when it is not one JSON allows. */
    private static int unescape(byte[] in, int at) {
        return switch (in[at]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hex4(in, at + 1);
            default -> -1;
        };
    }

    private static int hex4(byte[] in, int from) {
        if (from + 4 > in.length) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(in[i], 16);
            if (digit < 0 || in[i] < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static void appendUtf8(StringBuilder out, byte[] in, int from, int to) {
        if (to > from) {
            out.append(new String(in, from, to - from, StandardCharsets.UTF_8));
        }
    }
}
