package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.webhook.WebhookParseException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a webhook POST body, on Jackson's streaming parser: a tolerant reader behind a strict gate.
 *
 * <p>Refused ({@link WebhookParseException}, with a {@link Reason} and the JSON path) only when the body
 * cannot be a webhook: it is not strict UTF-8 JSON (a syntax error, an empty body, trailing content, a field
 * name repeated in one object, which RFC 7493 forbids and two readers could resolve differently, or beyond the
 * limits that keep hostile input cheap: {@value #MAX_BODY_BYTES} bytes, nesting depth
 * {@value #MAX_NESTING_DEPTH}, strings of {@value #MAX_STRING_LENGTH} characters), not a JSON object, or has no
 * {@code entry} array. Everything else is read: unknown fields are skipped (each event keeps its exact bytes),
 * an event that does not fit its record becomes an {@link dev.baton.event.UnknownEvent} with the reason and
 * path, and the other events are unaffected. A body for another {@code object}, and entries carrying
 * {@code changes[]}, are accepted and listed in {@link WebhookRead#skipped()}.
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

    private final JsonFactory factory;
    private final Map<Platform, EntryReader> entries = new EnumMap<>(Platform.class);

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
        for (Platform platform : Platform.values()) {
            entries.put(platform, new EntryReader(factory, new EventReader(platform)));
        }
    }

    /**
     * Reads one webhook body (the raw bytes as received, UTF-8). The events keep slices of {@code body}: the
     * caller must not change it afterwards.
     *
     * @throws WebhookParseException only if the body cannot be a webhook (see the class comment)
     * @throws NullPointerException if body is null
     */
    public WebhookRead read(byte[] body) throws WebhookParseException {
        requireNonNull(body, "body is null");
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookParseException(Reason.TOO_LARGE, "",
                    "body has " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        JacksonErrors.rejectNonUtf8(body);
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
            WebhookRead read = envelope(parser, body);
            rootRead = true;
            if (parser.nextToken() != null) {
                throw new WebhookParseException(Reason.TRAILING_CONTENT, "",
                        "more content after the top-level object, at byte "
                                + parser.currentTokenLocation().getByteOffset());
            }
            return read;
        } catch (IOException | RuntimeException e) {
            // Jackson's own exceptions (and any library surprise) become typed refusals.
            throw JacksonErrors.translate(e, rootRead);
        }
    }

    /**
     * Like {@link #read}, for callers that need a batch: a body for an object other than {@code page} or
     * {@code instagram} is refused with {@link Reason#UNKNOWN_OBJECT}.
     */
    public WebhookBatch parse(byte[] body) throws WebhookParseException {
        WebhookRead read = read(body);
        return read.batch().orElseThrow(() -> new WebhookParseException(Reason.UNKNOWN_OBJECT, "object",
                "expected \"page\" or \"instagram\""));
    }

    /** {@code {"object": ..., "entry": [...]}}; the entries are read once the object is known. */
    private WebhookRead envelope(JsonParser parser, byte[] body) throws IOException, WebhookParseException {
        Source source = new Source(body, 0);
        String object = null;
        boolean objectSeen = false;
        List<WebhookEntry> read = null;
        int[] deferred = null;
        JsonToken entryToken = null;
        List<WebhookRead.Skipped> skipped = new ArrayList<>(0);
        for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
            if (field.equals("object")) {
                objectSeen = true;
                object = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                parser.skipChildren();
            } else if (field.equals("entry")) {
                entryToken = parser.currentToken();
                Platform platform = objectSeen ? platform(object) : null;
                if (entryToken == JsonToken.START_ARRAY && platform != null) {
                    read = entries(parser, source, platform, skipped);
                } else {
                    int start = source.tokenStart(parser);
                    parser.skipChildren();
                    deferred = new int[] {start, source.position(parser)};
                }
            } else {
                parser.skipChildren();
            }
        }
        if (entryToken == null || entryToken == JsonToken.VALUE_NULL) {
            throw new WebhookParseException(Reason.MISSING_FIELD, "entry", "a webhook body has an entry array");
        }
        if (entryToken != JsonToken.START_ARRAY) {
            throw new WebhookParseException(Reason.WRONG_TYPE, "entry",
                    "expected an array but found " + JacksonErrors.describe(entryToken));
        }
        Platform platform = platform(object);
        String shownObject = object == null ? "" : object;
        if (platform == null) {
            skipped.add(new WebhookRead.Skipped(WebhookRead.Skipped.Kind.UNKNOWN_OBJECT, "object"));
            return new WebhookRead(shownObject, Optional.empty(), skipped);
        }
        if (read == null) {
            try (JsonParser again = factory.createParser(body, deferred[0], deferred[1] - deferred[0])) {
                again.nextToken();
                read = entries(again, source.at(deferred[0]), platform, skipped);
            }
        }
        return new WebhookRead(shownObject, Optional.of(new WebhookBatch(platform, read)), skipped);
    }

    private List<WebhookEntry> entries(JsonParser parser, Source source, Platform platform,
                                       List<WebhookRead.Skipped> skipped) throws IOException {
        EntryReader reader = entries.get(platform);
        List<WebhookEntry> read = new ArrayList<>(1);
        JsonPath path = JsonPath.ROOT.field("entry");
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonPath at = path.index(i++);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                skipped.add(new WebhookRead.Skipped(WebhookRead.Skipped.Kind.WRONG_TYPE, at.toString()));
                continue;
            }
            read.add(reader.read(parser, source, at, skipped));
        }
        return read;
    }

    private static Platform platform(String object) {
        for (Platform platform : Platform.values()) {
            if (platform.objectName().equals(object)) {
                return platform;
            }
        }
        return null;
    }
}
