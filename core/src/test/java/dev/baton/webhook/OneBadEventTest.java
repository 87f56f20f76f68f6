package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.WebhookParseException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: one event made malformed among valid ones leaves the valid ones typed and the batch accepted.
 * The table is {@link MalformedCorpus}: every typed field of every event kind of {@code typed-fields.json}
 * (25 events of every kind, messaging and standby) given every wrong JSON type, and every required field
 * removed or set to null - about 370 bodies, each with exactly one broken event. Each must read without a
 * refusal; the broken event becomes an {@link UnknownEvent} with the reason and the path of the broken value,
 * keeping its exact bytes; every other event equals the one read from the intact body.
 */
class OneBadEventTest {

    private static final WebhookParser PARSER = new WebhookParser();
    private static final Pattern EVENT = Pattern.compile("^entry\\[0]\\.(messaging|standby)\\[(\\d+)]");

    static List<MalformedCorpus.Case> cases() {
        List<MalformedCorpus.Case> cases = new ArrayList<>(MalformedCorpus.wrongTypes());
        cases.addAll(MalformedCorpus.missingFields());
        return cases.stream().filter(broken -> EVENT.matcher(broken.path()).find()).toList();
    }

    @Test
    void theTableCoversEveryKindWithHundredsOfCases() throws Exception {
        assertThat(cases()).hasSizeGreaterThan(350);
        assertThat(PARSER.read(MalformedCorpus.bytes(MalformedCorpus.base())).untyped()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneBrokenEventBecomesUntypedAndTheOthersStayTyped(MalformedCorpus.Case broken) throws Exception {
        List<WebhookEvent> intact = PARSER.parse(MalformedCorpus.bytes(MalformedCorpus.base())).events();
        List<WebhookEvent> read = PARSER.parse(broken.body()).events();
        int index = eventIndex(broken.path(), intact);

        assertThat(read).hasSameSizeAs(intact);
        for (int i = 0; i < read.size(); i++) {
            if (i != index) {
                assertThat(Fixtures.withoutRaw(read.get(i))).as("event " + i).isEqualTo(Fixtures.withoutRaw(intact.get(i)));
            }
        }
        WebhookEvent bad = read.get(index);
        if (tolerated(broken)) {
            assertThat(bad).as("tolerated").isNotInstanceOf(UnknownEvent.class);
            return;
        }
        assertThat(bad).isInstanceOf(UnknownEvent.class);
        UnknownEvent untyped = (UnknownEvent) bad;
        assertThat(untyped.reason().name()).isEqualTo(broken.reason() == Reason.WRONG_TYPE
                ? expectedWrongType(broken) : "MISSING_FIELD");
        assertThat(untyped.path()).isEqualTo(expectedPath(broken));
        assertThat(new String(broken.body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the exact bytes of the event").contains(untyped.raw().text());
        assertThat(untyped.raw().isEmpty()).isFalse();
        assertThat(untyped.conversation().pageId()).isEqualTo(intact.get(index).conversation().pageId());
    }

    /**
     * A timestamp sent as a string of digits is read (some of Meta's samples quote it); a take without
     * {@code new_owner_app_id} is the older documented shape.
     */
    private static boolean tolerated(MalformedCorpus.Case broken) {
        return broken.name().endsWith("timestamp = \"1700000000000\"")
                || broken.path().endsWith("take_thread_control.new_owner_app_id")
                        && broken.reason() == Reason.MISSING_FIELD;
    }

    /** An element of messaging[]/standby[] that is not an object is NOT_AN_OBJECT, at its own path. */
    private static String expectedWrongType(MalformedCorpus.Case broken) {
        return EVENT.matcher(broken.path()).replaceFirst("").isEmpty() ? "NOT_AN_OBJECT" : "WRONG_TYPE";
    }

    /** Null and absent read alike: a sender set to null is missing at the sender, as when removed. */
    private static String expectedPath(MalformedCorpus.Case broken) {
        return broken.path();
    }

    private static int eventIndex(String path, List<WebhookEvent> intact) {
        Matcher matcher = EVENT.matcher(path);
        assertThat(matcher.find()).isTrue();
        int position = Integer.parseInt(matcher.group(2));
        if (matcher.group(1).equals("messaging")) {
            return position;
        }
        int messaging = (int) intact.stream().filter(e -> e.channel() == dev.baton.event.Channel.MESSAGING).count();
        return messaging + position;
    }
}
