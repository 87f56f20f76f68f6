package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a parsed subtree back into compact JSON text, for the parts of an event kept whole. */
final class TreeRawJson {

    private final ObjectMapper mapper;

    TreeRawJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree the parser just built always serialises; reaching here is a bug, not bad input.
            throw new IllegalStateException("could not re-serialise a parsed JSON tree", e);
        }
    }
}
