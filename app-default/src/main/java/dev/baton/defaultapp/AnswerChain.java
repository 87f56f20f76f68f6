package dev.baton.defaultapp;

import dev.baton.spi.Conversation;
import java.util.List;
import java.util.Optional;

/**
 * The default app's answer chain, after escalation: the team's handlers, then the YAML configuration —
 * payload intents, the menu table, the entry ref, keyword intents, the entry point's welcome, the fallback.
 * The first that answers wins.
 */
final class AnswerChain {

    private final Settings config;
    private final List<TurnHandler> handlers;
    private final AnswerSender responder;
    private final TurnMetrics metrics;

    AnswerChain(Settings config, List<TurnHandler> handlers, AnswerSender responder,
                    TurnMetrics metrics) {
        this.config = config;
        this.handlers = List.copyOf(handlers);
        this.responder = responder;
        this.metrics = metrics;
    }

    void answer(Turn turn, Conversation conversation) {
        for (TurnHandler handler : handlers) {
            if (handler.handle(turn, conversation)) {
                metrics.answered("handler");
                return;
            }
        }
        Chosen chosen = configured(turn);
        responder.say(conversation, chosen.answer(), new Placeholders(turn.context()));
        metrics.answered(chosen.source());
    }

    private Chosen configured(Turn turn) {
        Optional<Intent> byPayload =
                config.intents().stream().filter(intent -> intent.matchesPayload(turn.payload())).findFirst();
        if (byPayload.isPresent()) {
            return new Chosen(byPayload.get().answer(), "intent");
        }
        if (turn.payload() != null && config.menu().containsKey(turn.payload())) {
            return new Chosen(config.menu().get(turn.payload()), "menu");
        }
        if (turn.ref() != null && config.refs().containsKey(turn.ref()) && isArrival(turn.entryPoint())) {
            return new Chosen(config.refs().get(turn.ref()), "ref");
        }
        Optional<Intent> byText =
                config.intents().stream().filter(intent -> intent.matchesText(turn.text())).findFirst();
        if (byText.isPresent()) {
            return new Chosen(byText.get().answer(), "intent");
        }
        return switch (turn.entryPoint()) {
            case GET_STARTED, LINK, AD, ORGANIC -> new Chosen(config.greeting(), "greeting");
            case AFTER_WINDOW -> new Chosen(config.welcomeBack(), "welcome_back");
            case HANDOVER -> new Chosen(config.afterHandover(), "after_handover");
            case RETURNED_FROM_HUMAN, MENU, ONGOING -> new Chosen(config.fallback(), "fallback");
        };
    }

    /** Entry points where the person just arrived, so the ref they came with decides the first answer. */
    private static boolean isArrival(EntryPoint entryPoint) {
        return switch (entryPoint) {
            case GET_STARTED, LINK, AD, HANDOVER -> true;
            case ORGANIC, AFTER_WINDOW, RETURNED_FROM_HUMAN, MENU, ONGOING -> false;
        };
    }

    private record Chosen(Answer answer, String source) {}
}
