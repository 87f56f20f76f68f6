package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsShortAndIsoForms() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsSoThatParseReadsItBack() {
        for (Duration duration : new Duration[] {Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(90),
                Duration.ofMinutes(2), Duration.ofHours(25), Duration.ofDays(7), Duration.ofNanos(5)}) {
            assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
        }
        assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
