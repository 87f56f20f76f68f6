package dev.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionCheckTest {

    private static final String TOKEN = "verify-me-123";

    @Test
    void echoesTheChallengeWhenModeAndTokenMatch() {
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "1158201444", TOKEN)).contains("1158201444");
    }

    @Test
    void wrongTokenGivesNothing() {
        assertThat(SubscriptionCheck.answer("subscribe", "verify-me-124", "1158201444", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", "verify-me-12", "1158201444", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN + "4", "1158201444", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", "VERIFY-ME-123", "1158201444", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", "", "1158201444", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", null, "1158201444", TOKEN)).isEmpty();
    }

    @Test
    void anyModeButSubscribeGivesNothing() {
        assertThat(SubscriptionCheck.answer("unsubscribe", TOKEN, "1", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("Subscribe", TOKEN, "1", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer(null, TOKEN, "1", TOKEN)).isEmpty();
    }

    @Test
    void missingOrUnsafeChallengeGivesNothing() {
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, null, TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "<script>", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "a b", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "1\r\nX: y", TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "9".repeat(513), TOKEN)).isEmpty();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "9".repeat(512), TOKEN)).isPresent();
        assertThat(SubscriptionCheck.answer("subscribe", TOKEN, "abc-XYZ_1.2", TOKEN)).contains("abc-XYZ_1.2");
    }

    @Test
    void anEmptyExpectedTokenNeverMatchesAndANullOneIsAConfigurationError() {
        assertThat(SubscriptionCheck.answer("subscribe", "", "1", "")).isEmpty();
        assertThatThrownBy(() -> SubscriptionCheck.answer("subscribe", TOKEN, "1", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("expectedVerifyToken is null");
    }

    @Test
    void nonAsciiTokensCompareByTheirUtf8Bytes() {
        assertThat(SubscriptionCheck.answer("subscribe", "t\u00e4st", "7", "t\u00e4st")).contains("7");
        assertThat(SubscriptionCheck.answer("subscribe", "tast", "7", "t\u00e4st")).isEmpty();
    }
}
