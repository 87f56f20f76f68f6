package dev.baton.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutator over a corpus of valid webhook bodies: the same seed gives the same cases, so a failure
 * names a case that can be replayed. Most cases are signed correctly so that they get past the signature
 * check and reach the parser; the rest exercise the signature check itself.
 */
public final class PayloadMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};

    private final Random random;
    private final List<byte[]> corpus;
    private int count;

    public PayloadMutator(long seed, List<byte[]> corpus) {
        this.random = new Random(seed);
        this.corpus = List.copyOf(corpus);
    }

    public FuzzCase next() {
        byte[] original = corpus.get(random.nextInt(corpus.size()));
        int kind = random.nextInt(16);
        String mutation = MUTATIONS[kind];
        byte[] body = mutate(kind, original);
        return new FuzzCase(++count, body, signing(), mutation);
    }

    private static final String[] MUTATIONS = {
        "bit-flip", "delete-range", "insert-bytes", "truncate", "duplicate-range", "invalid-utf8",
        "wrong-type", "remove-field", "huge-string", "huge-number", "deep-nesting", "duplicate-key",
        "many-events", "wrong-object", "empty-or-scalar", "unchanged"};

    private byte[] mutate(int kind, byte[] original) {
        return switch (kind) {
            case 0 -> flipBits(original);
            case 1 -> deleteRange(original);
            case 2 -> insert(original, randomBytes(1 + random.nextInt(16)));
            case 3 -> java.util.Arrays.copyOf(original, random.nextInt(original.length));
            case 4 -> duplicateRange(original);
            case 5 -> insertIntoString(original, INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case 6 -> onTree(original, this::wrongType);
            case 7 -> onTree(original, this::removeField);
            case 8 -> onTree(original, node -> replaceRandomValue(node, NODES.textNode("x".repeat(20_000 + random.nextInt(100_000)))));
            case 9 -> insertIntoValue(original, random.nextBoolean() ? "1e999999" : "9".repeat(5_000 + random.nextInt(20_000)));
            case 10 -> deepNesting(original);
            case 11 -> insert(original, 1, "\"object\":\"instagram\",\"entry\":[],".getBytes(StandardCharsets.UTF_8));
            case 12 -> manyEvents(original);
            case 13 -> onTree(original, node -> ((ObjectNode) node).put("object", random.nextBoolean() ? "user" : ""));
            case 14 -> EMPTY_OR_SCALAR[random.nextInt(EMPTY_OR_SCALAR.length)].getBytes(StandardCharsets.UTF_8);
            default -> original.clone();
        };
    }

    private static final String[] EMPTY_OR_SCALAR = {"", " ", "null", "[]", "{}", "\"page\"", "42", "true",
        "{\"object\":\"page\"}", "{\"object\":\"page\",\"entry\":{}}", "{\"object\":\"page\",\"entry\":[null]}",
        "{\"object\":\"page\",\"entry\":[{\"id\":1,\"messaging\":[null,1,\"x\"]}]}", "\uFEFF{}"};

    private FuzzCase.Signing signing() {
        int roll = random.nextInt(100);
        FuzzCase.Signing[] others = FuzzCase.Signing.values();
        return roll < 75 ? FuzzCase.Signing.VALID : others[1 + random.nextInt(others.length - 1)];
    }

    private byte[] flipBits(byte[] original) {
        byte[] body = original.clone();
        for (int i = 0, flips = 1 + random.nextInt(4); i < flips; i++) {
            body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return body;
    }

    private byte[] deleteRange(byte[] original) {
        int from = random.nextInt(original.length);
        int to = Math.min(original.length, from + 1 + random.nextInt(20));
        byte[] body = new byte[original.length - (to - from)];
        System.arraycopy(original, 0, body, 0, from);
        System.arraycopy(original, to, body, from, original.length - to);
        return body;
    }

    private byte[] duplicateRange(byte[] original) {
        int from = random.nextInt(original.length);
        int to = Math.min(original.length, from + 1 + random.nextInt(40));
        return insert(original, to, java.util.Arrays.copyOfRange(original, from, to));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] insert(byte[] original, byte[] inserted) {
        return insert(original, random.nextInt(original.length + 1), inserted);
    }

    private static byte[] insert(byte[] original, int at, byte[] inserted) {
        byte[] body = new byte[original.length + inserted.length];
        System.arraycopy(original, 0, body, 0, at);
        System.arraycopy(inserted, 0, body, at, inserted.length);
        System.arraycopy(original, at, body, at + inserted.length, original.length - at);
        return body;
    }

    /** Puts bytes right after an opening quote, i.e. inside a string (a key or a value). */
    private byte[] insertIntoString(byte[] original, byte[] inserted) {
        List<Integer> quotes = positionsAfter(original, (byte) '"');
        return insert(original, quotes.get(random.nextInt(quotes.size())), inserted);
    }

    /** Replaces the text after a colon up to the next comma or brace: a value, whatever it was. */
    private byte[] insertIntoValue(byte[] original, String value) {
        List<Integer> colons = positionsAfter(original, (byte) ':');
        int at = colons.get(random.nextInt(colons.size()));
        int end = at;
        while (end < original.length && original[end] != ',' && original[end] != '}' && original[end] != ']') {
            end++;
        }
        byte[] head = java.util.Arrays.copyOf(original, at);
        byte[] tail = java.util.Arrays.copyOfRange(original, end, original.length);
        return concat(head, value.getBytes(StandardCharsets.UTF_8), tail);
    }

    private static List<Integer> positionsAfter(byte[] body, byte marker) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == marker) {
                positions.add(i + 1);
            }
        }
        return positions.isEmpty() ? List.of(0) : positions;
    }

    private byte[] deepNesting(byte[] original) {
        int depth = 500 + random.nextInt(20_000);
        boolean closed = random.nextBoolean();
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
        return insertIntoValue(original, nested);
    }

    private byte[] manyEvents(byte[] original) {
        return onTree(original, node -> {
            JsonNode entry = node.path("entry").path(0);
            JsonNode first = entry.path("messaging").path(0);
            if (entry instanceof ObjectNode entryObject && !first.isMissingNode()) {
                ArrayNode events = entryObject.putArray("messaging");
                for (int i = 0, n = 20 + random.nextInt(150); i < n; i++) {
                    events.add(first.deepCopy());
                }
            }
        });
    }

    private void wrongType(JsonNode root) {
        JsonNode[] values = {NODES.numberNode(random.nextLong()), NODES.textNode("12"), NODES.booleanNode(true),
            NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(), NODES.numberNode(-0.5)};
        replaceRandomValue(root, values[random.nextInt(values.length)]);
    }

    private void removeField(JsonNode root) {
        ObjectNode parent = randomObject(root);
        if (parent != null && parent.size() > 0) {
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            parent.remove(names.get(random.nextInt(names.size())));
        }
    }

    private void replaceRandomValue(JsonNode root, JsonNode value) {
        ObjectNode parent = randomObject(root);
        if (parent != null && parent.size() > 0) {
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            parent.set(names.get(random.nextInt(names.size())), value);
        }
    }

    /** A random object node of the tree (the root included). */
    private ObjectNode randomObject(JsonNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        return objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        if (node instanceof ContainerNode<?>) {
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), objects);
            }
        }
    }

    private static byte[] onTree(byte[] original, java.util.function.Consumer<JsonNode> change) {
        try {
            JsonNode root = JSON.readTree(original);
            change.accept(root);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
