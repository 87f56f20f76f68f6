package com.example.storehours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreHoursAppTest {

    final StoreHoursApp app = new StoreHoursApp(new StoreHoursSettings("09:00", "18:00", "Europe/Helsinki"));

    @Test
    void saysOpenInsideTheHoursInTheStoresZone() {
        // 07:30 UTC is 09:30 in Helsinki in winter (UTC+2).
        assertThat(app.answerAt(Instant.parse("2026-01-15T07:30:00Z")))
                .isEqualTo("We're open 09:00-18:00 (Europe/Helsinki). Right now we're open.");
    }

    @Test
    void saysClosedAtClosingTimeAndBeforeOpening() {
        assertThat(app.answerAt(Instant.parse("2026-01-15T16:00:00Z"))).endsWith("closed.");
        assertThat(app.answerAt(Instant.parse("2026-01-15T06:59:00Z"))).endsWith("closed.");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new StoreHoursSettings("9am", "18:00", "UTC")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new StoreHoursSettings("09:00", "18:00", "Mars/Olympus")).isInstanceOf(RuntimeException.class);
    }
}
