package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.event.Channel;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link WebhookBatch} as Meta sends it: {@code {"object":...,"entry":[{"id","time","messaging"|
 * "standby",...}]}}, each event with {@code sender}, {@code recipient}, {@code timestamp} and its kind's
 * object in Meta's field names; echoes with {@code is_echo}/{@code app_id}/{@code metadata}; unknown events,
 * attachment payloads and opt-ins from their kept raw JSON. Every non-ASCII character is escaped as
 * {@code \\uXXXX} with lowercase hex digits, which is the form Meta signs, so
 * {@code WebhookSignature.sha256Header(write(batch), secret)} is the header Meta would send.
 *
 * <p>Events are grouped per entry into {@code messaging[]} then {@code standby[]} by their channel, keeping
 * their order within each. {@code parse(write(batch))} equals {@code batch} for every batch the parser
 * produces.
 *
 * <p>Thread-safe and reusable.
 *
 * @see WebhookParser
 */
public final class WebhookWriter {

    private final ObjectMapper mapper;
    private final EventWriter events;

    public WebhookWriter() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        this.events = new EventWriter(mapper);
    }

    /**
     * The body bytes (UTF-8, pure ASCII) for {@code batch}.
     *
     * @throws IllegalArgumentException if an event's kept raw JSON (unknown event, attachment payload, opt-in)
     *     is not valid JSON
     */
    public byte[] write(WebhookBatch batch) {
        requireNonNull(batch, "batch is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("object", batch.platform().objectName());
            json.writeArrayFieldStart("entry");
            for (WebhookEntry entry : batch.entries()) {
                writeEntry(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private void writeEntry(JsonGenerator json, WebhookEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", entry.pageId());
        json.writeNumberField("time", entry.time());
        List<WebhookEvent> all = entry.events();
        boolean anyStandby = all.stream().anyMatch(event -> event.channel() == Channel.STANDBY);
        if (!anyStandby || all.stream().anyMatch(event -> event.channel() == Channel.MESSAGING)) {
            writeChannel(json, "messaging", all, Channel.MESSAGING);
        }
        if (anyStandby) {
            writeChannel(json, "standby", all, Channel.STANDBY);
        }
        if (!entry.hopContext().isEmpty()) {
            json.writeArrayFieldStart("hop_context");
            for (WebhookEntry.HopContext hop : entry.hopContext()) {
                json.writeStartObject();
                EventWriter.writeNumericId(json, "app_id", hop.appId());
                EventWriter.writeOptional(json, "metadata", hop.metadata());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeChannel(JsonGenerator json, String field, List<WebhookEvent> all, Channel channel)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (WebhookEvent event : all) {
            if (event.channel() == channel) {
                events.write(json, event);
            }
        }
        json.writeEndArray();
    }
}
