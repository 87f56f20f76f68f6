package dev.baton.webhook;

import dev.baton.event.MessageEvent;
import java.util.HashMap;
import java.util.Map;

/** What {@link EventReader} found in one event object, before the kind is chosen; problems are held by key. */
final class EventParts {

    EventReader.Party sender;
    EventReader.Party recipient;
    Long timestamp;
    MessageEvent.PriorMessage prior;
    /** Per {@link EventReader#KINDS} index: the kind's body as read, or null when the key is absent. */
    final Object[] kinds = new Object[EventReader.KINDS.size()];
    private Map<String, ShapeProblem> problems;

    void problem(String field, ShapeProblem problem) {
        if (problems == null) {
            problems = new HashMap<>(4);
        }
        problems.putIfAbsent(field, problem);
    }

    ShapeProblem problem(String field) {
        return problems == null ? null : problems.get(field);
    }

    /** The index of the first kind present (read or held as a problem), or -1. */
    int kind() {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != null || problem(EventReader.KINDS.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }
}
