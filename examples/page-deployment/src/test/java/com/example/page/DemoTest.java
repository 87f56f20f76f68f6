package com.example.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo in-process and reads its transcript. */
class DemoTest {

    @Test
    void theScriptedDayPlaysThroughAndExitsZero() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exitCode = PageMain.demo(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String transcript = buffer.toString(StandardCharsets.UTF_8);

        assertThat(exitCode).isZero();
        assertDayPlayed(transcript);
        assertThat(transcript).contains("== Metrics").contains("baton.");
    }

    /**
     * Issue 15's acceptance: from a fresh Page (nothing subscribed, no profile), {@code setup} then {@code doctor}
     * all OK, and then the scripted day plays as on the shortcut registration.
     */
    @Test
    void theDayPlaysTheSameOnAPageConnectedBySetupAndCheckedByDoctor() throws Exception {
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DemoPage demo = DemoPage.startFresh()) {
            PrintStream out = new PrintStream(commands, true, StandardCharsets.UTF_8);
            assertThat(demo.emulator.person(demo.pageId(), "nobody").text("hello?").webhooks())
                    .as("a fresh Page delivers nothing").isEmpty();
            assertThat(demo.command("setup", out)).as(commands.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(demo.command("doctor", out)).as(commands.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(commands.toString(StandardCharsets.UTF_8)).contains("doctor: ").contains(" 0 WARN, 0 FAIL")
                    .doesNotContain("\nWARN").doesNotContain("\nFAIL");
            assertThat(demo.emulator.welcomeScreen(demo.pageId(), "someone-new")).containsEntry("shows", "ice_breakers");
            new DemoDay(demo, new PrintStream(buffer, true, StandardCharsets.UTF_8)).play();
        }
        assertDayPlayed(buffer.toString(StandardCharsets.UTF_8));
    }

    static void assertDayPlayed(String transcript) {
        assertThat(section(transcript, "Person 1 taps a Click-to-Message ad"))
                .contains("webhook: marketing got messaging")
                .contains("Page via marketing")
                .contains("thread owner now: marketing");
        assertThat(section(transcript, "Person 1 taps 'Talk to us'")).contains("thread owner now: default");
        assertThat(section(transcript, "Person 2 opens m.me"))
                .contains("webhook: store-hours got messaging referral")
                .contains("We're open 09:00-18:00")
                .contains("thread owner now: default");
        assertThat(section(transcript, "Person 3 asks for a human")).contains("thread owner now: Page Inbox");
        assertThat(transcript).contains("got standby");
        assertThat(section(transcript, "24 hours pass")).contains("person-3 thread owner: default");
        assertThat(section(transcript, "Person 3 comes back while the escalation is open"))
                .contains("thread owner now: Page Inbox");
        assertThat(section(transcript, "The agent marks the conversation Done in the Inbox"))
                .contains("Our team has finished here").contains("thread owner now: default");
        assertThat(section(transcript, "Person 3 writes again"))
                .contains("Send me your order number").contains("thread owner now: default");
    }

    /** The lines from the step with {@code title} to the next step. */
    static String section(String transcript, String title) {
        int start = transcript.indexOf("== " + title);
        assertThat(start).as("step '%s' in%n%s", title, transcript).isNotNegative();
        int end = transcript.indexOf("\n== ", start + 3);
        return transcript.substring(start, end < 0 ? transcript.length() : end);
    }
}
