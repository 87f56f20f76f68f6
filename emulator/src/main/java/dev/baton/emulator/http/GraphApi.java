package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.Faults;
import dev.baton.emulator.GraphCall;
import dev.baton.emulator.delivery.SubscriptionVerifier;
import dev.baton.emulator.delivery.WebhookEncoding;
import dev.baton.emulator.engine.AssetOperations;
import dev.baton.emulator.engine.GraphApiException;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.GraphOperations;
import dev.baton.emulator.engine.RoutingEngine;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Graph API paths of Conversation Routing. The calling app is the owner of the access token (query or
 * body {@code access_token}, or {@code Authorization: Bearer}); {@code me} and the Page id both name the
 * token's Page. Order of checks: token (190), {@code appsecret_proof} (100), node (100/33), injected faults,
 * the Page's rate (613), then the call. A refused call changes nothing; a call under the bad-gateway fault is
 * done and then answered 502 without an envelope; one under the slow-answer fault is done, then answered late.
 * Every call is logged once answered ({@link GraphCallLog}).
 */
final class GraphApi {

    private static final Pattern VERSIONED = Pattern.compile("/v\\d+(?:\\.\\d+)?(/.*)?");
    private static final int MAX_METADATA = 1000;

    private final RoutingEngine engine;
    private final GraphOperations graph;
    private final Faults faults;
    private final PageRateLimiter rateLimiter;
    private final AssetApi assets;

    private final SetupGraphApi setup;
    private final GraphCallLog log = new GraphCallLog();

    GraphApi(RoutingEngine engine, Faults faults, int callsPerSecond, Duration verifyTimeout) {
        this.engine = engine;
        this.setup = new SetupGraphApi(engine.setup(), new SubscriptionVerifier(verifyTimeout));
        this.graph = engine.graph();
        this.assets = new AssetApi(engine.assets());
        this.faults = faults;
        this.rateLimiter = new PageRateLimiter(callsPerSecond);
    }

    /** Send API and other Graph calls for {@code pageId} refused with 613 (rate limit) so far. */
    long rateLimitedCalls(String pageId) {
        return rateLimiter.refused(pageId);
    }

    /** Answers one call and logs it ({@link GraphCallLog}), refused or not. */
    HttpAnswer handle(HttpCall call) {
        long sequence = log.next();
        Instant received = Instant.now();
        Seen seen = new Seen();
        HttpAnswer answer;
        try {
            answer = answer(call, seen);
        } catch (GraphApiException e) {
            log(call, seen, sequence, received, e.error().httpStatus(), e.error().code());
            throw e;
        } catch (EmulatorException e) {
            log(call, seen, sequence, received, e.httpStatus(), 0);
            throw e;
        } catch (IllegalArgumentException e) {
            log(call, seen, sequence, received, 400, 0);
            throw e;
        }
        Instant done = Instant.now();
        if (seen.answerDelay != null) {
            sleep(seen.answerDelay); // done already: whoever gives up meanwhile never hears that it was
        }
        log.add(new GraphCall(sequence, seen.appId, call.method(), seen.edge, seen.text("recipient", "id"),
                seen.text("message", "text"), seen.metadata(), seen.text("target_app_id", null), answer.status(), 0,
                received, done, Instant.now()));
        return answer;
    }

    List<GraphCall> calls() {
        return log.calls();
    }

    private void log(HttpCall call, Seen seen, long sequence, Instant received, int status, int code) {
        Instant now = Instant.now();
        log.add(new GraphCall(sequence, seen.appId, call.method(), seen.edge, seen.text("recipient", "id"),
                seen.text("message", "text"), seen.metadata(), seen.text("target_app_id", null), status, code,
                received, now, now));
    }

    /** What one call turned out to be, filled in as {@link #answer} learns it. */
    private static final class Seen {
        String appId;
        String edge = "";
        JsonNode params;
        Duration answerDelay;

        String text(String field, String inner) {
            if (params == null) {
                return null;
            }
            JsonNode node = params.path(field);
            if (inner != null) {
                node = node.path(inner);
            }
            return node.isValueNode() ? node.asText() : null;
        }

        String metadata() {
            String own = text("metadata", null);
            return own != null ? own : text("message", "metadata");
        }
    }

    private HttpAnswer answer(HttpCall call, Seen seen) {
        String path = call.path();
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches()) {
            path = versioned.group(1) == null ? "" : versioned.group(1);
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty() || segments.size() > 2) {
            throw GraphError.unknownPath(call.path()).exception();
        }
        seen.edge = segments.size() == 2 ? segments.get(1) : "";
        GraphParams.Read read = GraphParams.read(call);
        ObjectNode params = read.params();
        if (SetupGraphApi.handles(segments)) {
            String version = versioned.matches() ? call.path().substring(1).split("/")[0] : "v25.0";
            return setup.handle(call, segments, params, version, this::authenticate);
        }
        Caller caller = authenticate(call, params);
        seen.appId = caller.app().id();
        seen.params = params;
        String node = segments.get(0);
        // Besides the Page itself: its personas and the people who wrote to it (the User Profile API).
        AssetOperations.NodeKind otherNode = node.equals("me") || node.equals(caller.pageId()) ? null
                : assets.nodeKind(caller, node);
        if (otherNode == AssetOperations.NodeKind.NONE) {
            throw GraphError.objectNotFound(node).exception();
        }
        Faults.GraphFault fault = applyFault();
        boolean badGateway = fault != null && fault.kind() == Faults.GraphFaultKind.BAD_GATEWAY;
        if (fault != null && fault.kind() == Faults.GraphFaultKind.SLOW_ANSWER) {
            seen.answerDelay = fault.delay();
        }
        if (!rateLimiter.tryCall(caller.pageId())) {
            throw GraphError.rateLimited().exception();
        }
        String edge = segments.size() == 2 ? segments.get(1) : "";
        Map<String, Object> answer = otherNode != null
                ? assets.node(call.method(), otherNode, node, edge, caller, params)
                : route(call.method(), edge, caller, read);
        // Done, but the answer is lost behind a proxy: no envelope, so the caller cannot know.
        return badGateway ? new HttpAnswer(502, "502 Bad Gateway") : HttpAnswer.ok(answer);
    }

    private Map<String, Object> route(String method, String edge, Caller caller, GraphParams.Read read) {
        ObjectNode params = read.params();
        Optional<Map<String, Object>> asset = assets.pageEdge(method, edge, caller, read);
        if (asset.isPresent()) {
            return asset.get();
        }
        if (method.equals("GET")) {
            return switch (edge) {
                case "" -> node(caller, params);
                case "thread_owner" -> graph.threadOwner(caller, required(params, "recipient")).answer();
                case "secondary_receivers" -> graph.secondaryReceivers(caller);
                default -> throw unsupported("get", edge);
            };
        }
        if (!method.equals("POST")) {
            throw unsupported(method.toLowerCase(java.util.Locale.ROOT), edge);
        }
        String metadata = GraphParams.text(params, "metadata");
        if (metadata != null && metadata.length() > MAX_METADATA) {
            throw GraphError.invalidParameter("param metadata must have 1000 or fewer characters").exception();
        }
        return switch (edge) {
            case "messages" -> graph.send(caller, params).answer();
            case "pass_thread_control" -> graph.pass(caller, recipient(params), GraphParams.text(params, "target_app_id"),
                    metadata).answer();
            case "release_thread_control" -> graph.release(caller, recipient(params)).answer();
            case "take_thread_control" -> graph.take(caller, recipient(params)).answer();
            case "request_thread_control" -> graph.request(caller, recipient(params), metadata).answer();
            case "extend_thread_control" -> graph.extend(caller, recipient(params), duration(params)).answer();
            default -> throw unsupported("post", edge);
        };
    }

    private Map<String, Object> node(Caller caller, JsonNode params) {
        String fields = Optional.ofNullable(GraphParams.text(params, "fields")).orElse("id");
        if (fields.contains("messaging_feature_status")) {
            return graph.featureStatus(caller);
        }
        return Map.of("id", caller.pageId());
    }

    Caller authenticate(HttpCall call, JsonNode params) {
        String token = GraphParams.text(params, "access_token");
        String authorization = call.header("authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        }
        Caller caller = token == null ? null : engine.callerForToken(token).orElse(null);
        if (caller == null) {
            throw GraphError.invalidToken().exception();
        }
        String proof = GraphParams.text(params, "appsecret_proof");
        if (proof != null) {
            String expected = WebhookEncoding.appSecretProof(token, caller.app().secret());
            if (!MessageDigest.isEqual(expected.getBytes(UTF_8), proof.toLowerCase(java.util.Locale.ROOT).getBytes(UTF_8))) {
                throw GraphError.badAppSecretProof().exception();
            }
        }
        return caller;
    }

    /**
     * Applies the next Graph fault, if any, as far as it acts before the call: refusals throw, a slow call
     * waits. Returns it (null for none); bad-gateway and slow-answer faults act after the call.
     */
    private Faults.GraphFault applyFault() {
        Faults.GraphFault fault = faults.takeGraphFault().orElse(null);
        if (fault == null) {
            return null;
        }
        switch (fault.kind()) {
            case SERVER_ERROR -> throw GraphError.temporary().exception();
            case RATE_LIMIT -> throw GraphError.rateLimited().exception();
            case SLOW -> sleep(fault.delay());
            case BAD_GATEWAY, SLOW_ANSWER -> {
                // after the call
            }
        }
        return fault;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String recipient(JsonNode params) {
        JsonNode recipient = params.path("recipient");
        String id = recipient.path("id").isValueNode() ? recipient.path("id").asText() : null;
        if (id == null || id.isBlank()) {
            throw GraphError.invalidParameter("param recipient must be an object with an id").exception();
        }
        return id;
    }

    private static String required(JsonNode params, String name) {
        String value = GraphParams.text(params, name);
        if (value == null || value.isBlank()) {
            throw GraphError.invalidParameter("param " + name + " is required").exception();
        }
        return value;
    }

    private static Duration duration(JsonNode params) {
        String value = required(params, "duration");
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw GraphError.invalidParameter("param duration must be a number of seconds").exception();
        }
    }

    private static RuntimeException unsupported(String method, String edge) {
        return GraphError.invalidParameter("Unsupported " + method + " request: " + (edge.isEmpty() ? "node" : edge))
                .exception();
    }
}
