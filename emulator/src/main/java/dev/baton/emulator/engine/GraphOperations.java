package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import dev.baton.emulator.engine.RoutingEngine.GraphResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What apps do through the Graph API: send, the thread-control calls and the reads. Runs on the
 * {@link RoutingEngine}'s lock, like the person's actions, so both see one consistent state. A refused call
 * throws {@link GraphApiException} and changes nothing.
 */
public final class GraphOperations {

    private final RoutingEngine engine;

    GraphOperations(RoutingEngine engine) {
        this.engine = engine;
    }

    public GraphResult send(Caller caller, JsonNode params) {
        SendCall call = SendCall.parse(params);
        return asApp(caller, call.recipientId(), "Send API", rules -> rules.send.send(caller.app(), call));
    }

    /** {@code pass_thread_control}: to {@code targetAppId}, or to the default app when null. */
    public GraphResult pass(Caller caller, String psid, String targetAppId, String metadata) {
        return control(caller, psid, "pass_thread_control", rules -> rules.pass(caller.app().id(), targetAppId, metadata));
    }

    public GraphResult release(Caller caller, String psid) {
        return control(caller, psid, "release_thread_control", rules -> rules.release(caller.app().id()));
    }

    public GraphResult take(Caller caller, String psid) {
        return control(caller, psid, "take_thread_control", rules -> rules.take(caller.app().id()));
    }

    public GraphResult request(Caller caller, String psid, String metadata) {
        return control(caller, psid, "request_thread_control", rules -> rules.request(caller.app().id(), metadata));
    }

    public GraphResult extend(Caller caller, String psid, Duration duration) {
        return control(caller, psid, "extend_thread_control", rules -> rules.extend(caller.app().id(), duration));
    }

    private GraphResult control(Caller caller, String psid, String call, Consumer<ThreadControlRules> action) {
        return asApp(caller, psid, call, rules -> {
            action.accept(rules.control);
            return Map.of("success", true);
        });
    }

    public GraphResult threadOwner(Caller caller, String psid) {
        return asApp(caller, psid, "thread_owner", rules -> ThreadOwnerView.answer(rules.page, rules.thread, caller.app().id()));
    }

    public Map<String, Object> featureStatus(Caller caller) {
        return locked(() -> ThreadOwnerView.featureStatus(engine.page(caller.pageId())));
    }

    public Map<String, Object> secondaryReceivers(Caller caller) {
        return locked(() -> ThreadOwnerView.secondaryReceivers(engine.page(caller.pageId())));
    }

    private record AppRules(PageState page, ThreadState thread, SendRules send, ThreadControlRules control) {}

    private GraphResult asApp(Caller caller, String psid, String call,
                              Function<AppRules, Map<String, Object>> action) {
        return locked(() -> {
            PageState page = engine.page(caller.pageId());
            ThreadState thread = page.existingThread(psid).orElseThrow(() -> GraphError.noMatchingUser().exception());
            Instant now = engine.clock().instant();
            thread.expireControl(now, page.defaultAppId());
            thread.cause = call + " by " + caller.app().id();
            Fanout fanout = new Fanout(page, thread);
            Map<String, Object> answer = action.apply(new AppRules(page, thread,
                    new SendRules(page, thread, now, fanout, engine::nextMid),
                    new ThreadControlRules(page, thread, now, fanout)));
            engine.changed(page.id(), psid);
            return new GraphResult(answer, engine.enqueue(fanout));
        });
    }

    private <T> T locked(Supplier<T> call) {
        synchronized (engine) {
            return call.get();
        }
    }
}
