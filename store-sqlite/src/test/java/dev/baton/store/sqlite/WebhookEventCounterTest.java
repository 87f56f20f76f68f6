package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookEventCounterTest {

    private static int count(String json) {
        return WebhookEventCounter.count(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsMessagingAndStandbyOfEveryEntry() {
        assertThat(count("""
                {"object":"page","entry":[
                  {"id":"1","time":2,"messaging":[{"a":1},{"b":{"messaging":[1,2,3]}}],"standby":[{"c":[]}]},
                  {"id":"1","time":3,"hop_context":[{"app_id":1}],"standby":[{},{}]}]}
                """)).isEqualTo(5);
        assertThat(Bodies.batch("u", 7)).satisfies(body -> assertThat(WebhookEventCounter.count(body)).isEqualTo(7));
    }

    @Test
    void anEnvelopeWithoutEventsHasNone() {
        assertThat(count("{\"object\":\"page\",\"entry\":[]}")).isZero();
        assertThat(count("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}")).isZero();
    }

    @Test
    void brokenOrStrangeBodiesAreUnknown() {
        assertThat(count("{\"object\":\"page\",\"entry\":[{\"messaging\":[{}]")).isEqualTo(WebhookEventCounter.UNKNOWN);
        assertThat(count("[1,2]")).isEqualTo(WebhookEventCounter.UNKNOWN);
        assertThat(count("{\"entry\":[1,{\"messaging\":[{}]}]}")).isEqualTo(WebhookEventCounter.UNKNOWN);
        assertThat(WebhookEventCounter.count(new byte[] {(byte) 0xff, (byte) 0xfe})).isEqualTo(WebhookEventCounter.UNKNOWN);
    }
}
