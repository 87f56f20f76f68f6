package dev.baton.spi;

import java.util.Optional;

/** Small named string values an app keeps for one conversation; durable when the deployment's store is. */
public interface ConversationState {

    Optional<String> get(String name);

    void put(String name, String value);

    void remove(String name);
}
