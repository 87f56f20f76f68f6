package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.testing.EmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starts a reachable emulator on an OS-chosen port, per class or per test. */
class EmulatorExtensionTest {

    private static int answerOf(Emulator emulator) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/clock"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Nested
    @ExtendWith(EmulatorExtension.class)
    class PerClass {

        @Test
        void injectsARunningEmulator(Emulator emulator) throws Exception {
            assertThat(emulator.port()).isPositive();
            assertThat(answerOf(emulator)).isEqualTo(200);
        }
    }

    @Nested
    class PerTest {

        @RegisterExtension
        final EmulatorExtension extension = new EmulatorExtension();

        @Test
        void eachTestGetsItsOwnEmulator() throws Exception {
            assertThat(answerOf(extension.emulator())).isEqualTo(200);
            assertThat(extension.emulator().pages()).isEmpty();
        }
    }

    @Nested
    class WithConsole {

        @RegisterExtension
        final EmulatorExtension extension = new EmulatorExtension().withConsole();

        @Test
        void servesTheConsole() throws Exception {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(extension.emulator().consoleUrl())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Baton emulator console</title>");
        }
    }
}
