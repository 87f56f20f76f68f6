package dev.baton.inboxbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.spi.ConversationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes the conversation's {@link Episode} as JSON in one state value. */
final class EpisodeCodec {

    private static final Logger log = LoggerFactory.getLogger(EpisodeCodec.class);
    static final String KEY = "inbox-bridge.episode";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    Episode load(ConversationState state) {
        return state.get(KEY).map(this::parse).orElse(Episode.NONE);
    }

    void save(ConversationState state, Episode episode) {
        try {
            state.put(KEY, json.writeValueAsString(episode));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the inbox bridge's episode", e);
        }
    }

    private Episode parse(String stored) {
        try {
            return json.readValue(stored, Episode.class);
        } catch (JsonProcessingException e) {
            log.warn("inbox bridge episode unreadable ({}), starting afresh", e.getClass().getSimpleName());
            return Episode.NONE;
        }
    }
}
