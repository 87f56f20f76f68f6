package dev.baton.emulator.http;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.Faults.GraphFaultKind;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.Person;
import dev.baton.emulator.delivery.WebhookEncoding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /_emulator/...}: register Pages, act as the person, read state and deliveries, move the clock,
 * inject faults. A thin layer over {@link Emulator}; see the module README for every path and body.
 */
final class ControlApi {

    private final Emulator emulator;
    private final WebhookEncoding encoding;

    ControlApi(Emulator emulator, WebhookEncoding encoding) {
        this.emulator = emulator;
        this.encoding = encoding;
    }

    HttpAnswer handle(HttpCall call) {
        List<String> parts = List.of(call.path().substring(1).split("/"));
        String method = call.method();
        int size = parts.size();
        String area = size > 1 ? parts.get(1) : "";
        switch (area) {
            case "pages" -> {
                if (size == 2 && method.equals("POST")) {
                    PageRegistration page = emulator.registerPage(ControlRequests.page(call),
                            ControlRequests.connection(call));
                    return new HttpAnswer(201, pageView(page.id(), false));
                }
                if (size == 2 && method.equals("GET")) {
                    return HttpAnswer.ok(Map.of("pages",
                            emulator.pages().stream().map(page -> pageView(page.id(), false)).toList()));
                }
                if (size == 3 && method.equals("GET")) {
                    return HttpAnswer.ok(pageView(parts.get(2), true));
                }
                if (size >= 5 && parts.get(3).equals("people")) {
                    return person(call, parts.get(2), parts.get(4), size == 6 ? parts.get(5) : null);
                }
            }
            case "apps" -> {
                if (size == 4 && parts.get(3).equals("deliveries") && method.equals("GET")) {
                    return HttpAnswer.ok(Map.of("deliveries",
                            emulator.deliveries(parts.get(2)).stream().map(ControlViews::delivery).toList()));
                }
            }
            case "await-deliveries" -> {
                if (size == 2 && method.equals("POST")) {
                    long timeout = ControlRequests.body(call, "await-deliveries", Set.of("timeout_ms"))
                            .number("timeout_ms", 10_000);
                    return HttpAnswer.ok(Map.of("quiet", emulator.awaitDeliveries(Duration.ofMillis(timeout))));
                }
            }
            case "clock" -> {
                if (size == 2) {
                    return clock(call);
                }
            }
            case "faults" -> {
                if (size == 2) {
                    return faults(call);
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw EmulatorException.notFound("no control API at " + method + " " + call.path());
    }

    private Map<String, Object> pageView(String pageId, boolean withConversations) {
        PageRegistration page = emulator.page(pageId)
                .orElseThrow(() -> EmulatorException.notFound("page " + pageId + " is not registered"));
        Map<String, Object> view = ControlViews.page(page, emulator.unsubscribedApps(pageId),
                withConversations ? emulator.conversations(pageId) : null);
        if (withConversations) {
            view.put("subscriptions", emulator.subscriptions(pageId));
            view.put("messenger_profile", readJson(emulator.messengerProfile(pageId)));
        }
        return view;
    }

    private static Object readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the emulator wrote unreadable JSON", e);
        }
    }

    private HttpAnswer person(HttpCall call, String pageId, String psid, String action) {
        PageRegistration page = emulator.page(pageId)
                .orElseThrow(() -> EmulatorException.notFound("page " + pageId + " is not registered"));
        if ("welcome".equals(action)) {
            if (!call.method().equals("GET")) {
                throw new EmulatorException(405, "use GET to see the welcome screen");
            }
            return HttpAnswer.ok(emulator.welcomeScreen(pageId, psid));
        }
        if (action == null) {
            if (!call.method().equals("GET")) {
                throw new EmulatorException(405, "use GET to read a conversation, POST to act");
            }
            return HttpAnswer.ok(ControlViews.conversation(emulator.conversation(pageId, psid).orElseThrow(
                    () -> EmulatorException.notFound("person " + psid + " has no conversation with page " + pageId))));
        }
        if (action.equals("profile")) {
            return ProfileControl.handle(call, emulator.person(pageId, psid));
        }
        if (!call.method().equals("POST")) {
            throw new EmulatorException(405, "person actions are POSTs");
        }
        Person person = emulator.person(pageId, psid);
        ActionResult result = switch (action) {
            case "ad-click" -> person.adClick(ControlRequests.adClick(call));
            case "messages" -> person.message(ControlRequests.message(call));
            case "postbacks" -> {
                JsonInput postback = ControlRequests.body(call, "postback", Set.of("payload", "title"));
                yield person.postback(postback.requiredText("payload"), postback.requiredText("title"));
            }
            case "ice-breaker" -> {
                String question = ControlRequests.body(call, "ice-breaker", Set.of("question")).requiredText("question");
                yield person.iceBreaker(question);
            }
            case "get-started" -> person.getStarted(ControlRequests.body(call, "get-started", Set.of("ref")).text("ref"));
            case "link" -> person.link(ControlRequests.body(call, "link", Set.of("ref")).requiredText("ref"));
            case "inbox-reply" -> person.inboxReply(
                    ControlRequests.body(call, "inbox-reply", Set.of("text")).requiredText("text"));
            case "inbox-move-to-main" -> {
                ControlRequests.body(call, "inbox-move-to-main", Set.of());
                yield person.inboxMoveToMain();
            }
            case "inbox-done" -> {
                ControlRequests.body(call, "inbox-done", Set.of());
                yield person.inboxDone();
            }
            case "react" -> ControlRequests.reaction(call, person);
            case "read" -> person.read();
            case "delivered" -> person.delivered();
            default -> throw EmulatorException.notFound("unknown person action '" + action + "'");
        };
        return HttpAnswer.ok(ControlViews.actionResult(result, encoding, page));
    }

    private HttpAnswer clock(HttpCall call) {
        if (call.method().equals("POST")) {
            long seconds = ControlRequests.body(call, "clock", Set.of("advance_seconds")).number("advance_seconds", 0);
            if (seconds <= 0) {
                throw EmulatorException.badRequest("clock: 'advance_seconds' must be a positive whole number");
            }
            emulator.advanceClock(Duration.ofSeconds(seconds));
        } else if (!call.method().equals("GET")) {
            throw new EmulatorException(405, "use GET or POST");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("now", emulator.clock().instant().toString());
        view.put("epoch_millis", emulator.clock().millis());
        view.put("advanced_seconds", emulator.clock().advancedBy().toSeconds());
        return HttpAnswer.ok(view);
    }

    private HttpAnswer faults(HttpCall call) {
        switch (call.method()) {
            case "DELETE" -> emulator.faults().clear();
            case "POST" -> addFault(ControlRequests.body(call, "fault", Set.of("kind", "app_id", "count", "delay_ms")));
            case "GET" -> {
                // read below
            }
            default -> throw new EmulatorException(405, "use GET, POST or DELETE");
        }
        return HttpAnswer.ok(emulator.faults().pending());
    }

    private void addFault(JsonInput fault) {
        String kind = fault.requiredText("kind");
        Duration delay = Duration.ofMillis(fault.number("delay_ms", 1000));
        int count = Math.toIntExact(fault.number("count", 1));
        switch (kind) {
            case "duplicate_delivery" -> emulator.faults().duplicateNextDelivery(fault.requiredText("app_id"));
            case "delay_delivery" -> emulator.faults().delayNextDelivery(fault.requiredText("app_id"), delay);
            case "reorder_deliveries" -> emulator.faults().reorderNextTwoDeliveries(fault.requiredText("app_id"));
            case "fail_delivery" -> emulator.faults().failNextDeliveries(fault.requiredText("app_id"), count);
            case "graph_5xx" -> emulator.faults().failNextGraphCalls(count, GraphFaultKind.SERVER_ERROR);
            case "graph_613" -> emulator.faults().failNextGraphCalls(count, GraphFaultKind.RATE_LIMIT);
            case "graph_slow" -> emulator.faults().slowNextGraphCalls(count, delay);
            case "graph_slow_answer" -> emulator.faults().slowNextGraphAnswers(count, delay);
            default -> throw EmulatorException.badRequest("fault: 'kind' must be one of duplicate_delivery, "
                    + "delay_delivery, reorder_deliveries, fail_delivery, graph_5xx, graph_613, graph_slow, "
                    + "graph_slow_answer");
        }
    }
}
