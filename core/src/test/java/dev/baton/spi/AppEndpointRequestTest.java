package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppEndpointRequestTest {

    @Test
    void headersAreFoundWhateverTheirCaseAndNothingSensitiveIsPrinted() {
        byte[] body = "{\"secret\":\"s3cr3t\"}".getBytes(StandardCharsets.UTF_8);
        AppEndpointRequest request = new AppEndpointRequest("POST", "/helpdesk",
                Map.of("X-Baton-Signature-256", List.of("sha256=abc")), body);
        body[0] = 'X';

        assertThat(request.header("x-baton-signature-256")).contains("sha256=abc");
        assertThat(request.header("X-BATON-SIGNATURE-256")).contains("sha256=abc");
        assertThat(request.header("missing")).isEmpty();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).startsWith("{");
        assertThat(request.toString()).doesNotContain("s3cr3t").doesNotContain("abc");
    }

    @Test
    void answersCarryStatusTypeAndBody() {
        AppEndpointResponse response = AppEndpointResponse.json(422, "{\"status\":\"undeliverable\"}");

        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"undeliverable\"}");
        assertThatThrownBy(() -> AppEndpointResponse.json(42, "{}")).hasMessageContaining("100 to 599");
    }
}
