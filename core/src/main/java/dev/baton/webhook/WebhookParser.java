package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.baton.event.WebhookBatch;
import dev.baton.webhook.WebhookParseException.Reason;
import java.io.IOException;

/**
 * Turns a webhook POST body into a {@link WebhookBatch}: the whole batch or a {@link WebhookParseException},
 * never a partial batch and never any other exception.
 *
 * <p>Tolerant of what Meta may add (unknown fields are ignored, unknown event kinds are kept as
 * {@link dev.baton.event.UnknownEvent} with their raw JSON), strict about what is broken: syntax errors,
 * invalid UTF-8, duplicate field names, trailing content, wrong types and missing required fields are
 * rejected with a {@link Reason} and the path of the offending value. Limits keep hostile input cheap:
 * at most {@value #MAX_BODY_BYTES} bytes, nesting depth {@value #MAX_NESTING_DEPTH}, strings of
 * {@value #MAX_STRING_LENGTH} characters, numbers of {@value #MAX_NUMBER_LENGTH} digits.
 *
 * <p>Thread-safe and reusable; create one and share it.
 */
public final class WebhookParser {

    /** Meta batches at most 1000 updates; 8 MiB leaves room for that with long attachment URLs. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    public static final int MAX_NESTING_DEPTH = 100;
    public static final int MAX_STRING_LENGTH = 1024 * 1024;
    public static final int MAX_NAME_LENGTH = 1024;
    public static final int MAX_NUMBER_LENGTH = 64;

    /** Roughly one value per this many bytes in Meta's bodies; the tape grows when a body has more. */
    private static final int BYTES_PER_VALUE_GUESS = 16;

    private final JsonFactory factory;
    private final BatchReader batches;

    public WebhookParser() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxDocumentLength(MAX_BODY_BYTES)
                        .build())
                // Two readers of one signed body must not disagree on which duplicate counts.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.batches = new BatchReader(new RawJson(factory));
    }

    /**
     * Parses one webhook body (the raw bytes as received, UTF-8).
     *
     * @throws WebhookParseException if the body is not a complete, well-typed webhook batch
     * @throws NullPointerException if body is null
     */
    public WebhookBatch parse(byte[] body) throws WebhookParseException {
        requireNonNull(body, "body is null");
        return batches.read(readTape(body));
    }

    /**
     * The whole body into a {@link JsonTape} before any field is interpreted, so a syntax error, a duplicate
     * field or trailing content anywhere wins over a wrong field type, whatever the order of the two in the
     * body (the precedence the tree-based parser had). The plain JSON Meta sends is scanned directly
     * ({@link FastJsonScanner}); anything else, and every broken body, goes through Jackson's streaming
     * parser, which accepts or refuses it with its own message and position.
     */
    private JsonTape readTape(byte[] body) throws WebhookParseException {
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookParseException(Reason.TOO_LARGE, "",
                    "body has " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        JacksonErrors.rejectNonUtf8(body);
        JsonTape plain = FastJsonScanner.scan(body, body.length / BYTES_PER_VALUE_GUESS);
        if (plain != null) {
            return plain;
        }
        boolean rootRead = false;
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new WebhookParseException(Reason.EMPTY_BODY, "", "the body holds no JSON value");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new WebhookParseException(Reason.NOT_AN_OBJECT, "",
                        "expected a JSON object but the body starts with " + JacksonErrors.describe(first));
            }
            JsonTape root = JacksonTapeReader.readObject(parser, body.length / BYTES_PER_VALUE_GUESS);
            rootRead = true;
            if (parser.nextToken() != null) {
                throw new WebhookParseException(Reason.TRAILING_CONTENT, "",
                        "more content after the top-level object, at byte "
                                + parser.currentTokenLocation().getByteOffset());
            }
            return root;
        } catch (IOException | RuntimeException e) {
            // Jackson's own exceptions (and any library surprise) become typed parse errors.
            throw JacksonErrors.translate(e, rootRead);
        }
    }
}
