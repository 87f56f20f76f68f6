package dev.baton.defaultapp;

import dev.baton.spi.Conversation;
import java.util.List;
import java.util.Optional;

/**
 * The default app's answer chain, after escalation: the team's handlers, then the YAML configuration —
 * payload intents, the menu table, the entry ref, keyword intents, the entry point's welcome, the fallback.
 * The first that answers wins.
 */
final class DefaultAppChain {

    private final DefaultAppConfig config;
    private final List<DefaultAppHandler> handlers;
    private final DefaultAppResponder responder;
    private final DefaultAppMetrics metrics;

    DefaultAppChain(DefaultAppConfig config, List<DefaultAppHandler> handlers, DefaultAppResponder responder,
                    DefaultAppMetrics metrics) {
        this.config = config;
        this.handlers = List.copyOf(handlers);
        this.responder = responder;
        this.metrics = metrics;
    }

    void answer(DefaultAppTurn turn, Conversation conversation) {
        for (DefaultAppHandler handler : handlers) {
            if (handler.handle(turn, conversation)) {
                metrics.answered("handler");
                return;
            }
        }
        Answer chosen = configured(turn);
        responder.say(conversation, chosen.answer(), new DefaultAppPlaceholders(turn.context()));
        metrics.answered(chosen.source());
    }

    private Answer configured(DefaultAppTurn turn) {
        Optional<DefaultAppIntent> byPayload =
                config.intents().stream().filter(intent -> intent.matchesPayload(turn.payload())).findFirst();
        if (byPayload.isPresent()) {
            return new Answer(byPayload.get().answer(), "intent");
        }
        if (turn.payload() != null && config.menu().containsKey(turn.payload())) {
            return new Answer(config.menu().get(turn.payload()), "menu");
        }
        if (turn.ref() != null && config.refs().containsKey(turn.ref()) && isArrival(turn.entryPoint())) {
            return new Answer(config.refs().get(turn.ref()), "ref");
        }
        Optional<DefaultAppIntent> byText =
                config.intents().stream().filter(intent -> intent.matchesText(turn.text())).findFirst();
        if (byText.isPresent()) {
            return new Answer(byText.get().answer(), "intent");
        }
        return switch (turn.entryPoint()) {
            case GET_STARTED, LINK, AD, ORGANIC -> new Answer(config.greeting(), "greeting");
            case AFTER_WINDOW -> new Answer(config.welcomeBack(), "welcome_back");
            case HANDOVER -> new Answer(config.afterHandover(), "after_handover");
            case RETURNED_FROM_HUMAN, MENU, ONGOING -> new Answer(config.fallback(), "fallback");
        };
    }

    /** Entry points where the person just arrived, so the ref they came with decides the first answer. */
    private static boolean isArrival(DefaultAppEntryPoint entryPoint) {
        return switch (entryPoint) {
            case GET_STARTED, LINK, AD, HANDOVER -> true;
            case ORGANIC, AFTER_WINDOW, RETURNED_FROM_HUMAN, MENU, ONGOING -> false;
        };
    }

    private record Answer(DefaultAppAnswer answer, String source) {}
}
