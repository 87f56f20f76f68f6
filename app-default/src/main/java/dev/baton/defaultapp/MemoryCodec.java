package dev.baton.defaultapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.spi.ConversationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link ConversationMemory} as JSON in one {@code ConversationState} value. */
final class MemoryCodec {

    private static final Logger log = LoggerFactory.getLogger(MemoryCodec.class);
    static final String KEY = "default.memory";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    ConversationMemory load(ConversationState state) {
        return state.get(KEY).map(this::parse).orElse(ConversationMemory.EMPTY);
    }

    void save(ConversationState state, ConversationMemory memory) {
        try {
            state.put(KEY, json.writeValueAsString(memory));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the default app's memory", e);
        }
    }

    private ConversationMemory parse(String stored) {
        try {
            return json.readValue(stored, ConversationMemory.class);
        } catch (JsonProcessingException e) {
            // A damaged value must not wedge the conversation: start again from nothing, say so without content.
            log.warn("default app memory unreadable ({}), starting afresh", e.getClass().getSimpleName());
            return ConversationMemory.EMPTY;
        }
    }
}
