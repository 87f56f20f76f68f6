package dev.baton.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    private static final EventHeader FROM_PERSON = new EventHeader("page-1", "psid-9", "page-1", 1L, Channel.MESSAGING);
    private static final EventHeader FROM_PAGE = new EventHeader("page-1", "page-1", "psid-9", 1L, Channel.STANDBY);

    @Test
    void personIsTheSenderOfOrdinaryEvents() {
        MessageEvent event = new MessageEvent(FROM_PERSON, Message.text("m1", "hi"));
        assertThat(event.conversation()).isEqualTo(new ConversationKey("page-1", "psid-9"));
        assertThat(event.channel()).isEqualTo(Channel.MESSAGING);
    }

    @Test
    void personIsTheRecipientOfEchoes() {
        EchoEvent echo = new EchoEvent(FROM_PAGE, Message.text("m2", "hello"), "263902037430900", null);
        assertThat(echo.conversation()).isEqualTo(new ConversationKey("page-1", "psid-9"));
        assertThat(echo.channel()).isEqualTo(Channel.STANDBY);
    }

    @Test
    void keyRefusesMissingParts() {
        assertThatNullPointerException().isThrownBy(() -> new ConversationKey(null, "x")).withMessage("pageId is null");
    }
}
