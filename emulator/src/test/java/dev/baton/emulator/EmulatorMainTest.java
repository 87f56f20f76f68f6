package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void commandLineOptionsMapOntoEmulatorOptions() {
        EmulatorOptions options = EmulatorMain.parse(new String[] {"--port", "8089", "--graph-calls-per-second", "50",
                "--batch-window-ms", "0", "--host", "0.0.0.0"});

        assertThat(options.port()).isEqualTo(8089);
        assertThat(options.graphCallsPerSecond()).isEqualTo(50);
        assertThat(options.batchWindow()).isEqualTo(Duration.ZERO);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(EmulatorMain.parse(new String[0])).isEqualTo(EmulatorOptions.DEFAULTS);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port", "x"})).hasMessageContaining("whole number");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--colour", "red"})).hasMessageContaining("unknown");
    }
}
