package dev.baton.inboxbridge;

import dev.baton.graph.error.GraphException;
import dev.baton.spi.Conversation;
import java.util.Optional;

/**
 * Which persona an agent's reply goes out as: the Page's persona named for the agent, made on first use
 * and reused after (the deployment's Graph client remembers it and finds it again by name after a restart).
 * Only when the switch is on, a picture is configured and the helpdesk named the agent; Meta limits names to
 * 50 characters, so longer ones are cut. A persona that cannot be made does not stop the reply: it goes out
 * without one (counted as {@code failed}).
 */
final class Personas {

    private static final int MAX_NAME = 50;

    private final boolean enabled;
    private final String pictureUrl;
    private final BridgeMetrics metrics;

    Personas(Settings.Helpdesk settings, BridgeMetrics metrics) {
        this.enabled = settings.sendsAsPersonas();
        this.pictureUrl = settings.agentPersonaPictureUrl();
        this.metrics = metrics;
    }

    /** The persona id for {@code agent}'s reply, or empty: send as the Page. */
    Optional<String> forAgent(Conversation conversation, String agent) {
        if (!enabled || agent == null || agent.isBlank()) {
            return Optional.empty();
        }
        String name = agent.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
        }
        try {
            Optional<String> id = conversation.persona(name, pictureUrl);
            metrics.persona(id.isPresent() ? "used" : "unsupported");
            return id;
        } catch (GraphException e) {
            metrics.persona("failed");
            return Optional.empty();
        }
    }
}
