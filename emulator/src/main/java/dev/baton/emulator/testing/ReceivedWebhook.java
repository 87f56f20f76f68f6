package dev.baton.emulator.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.baton.event.WebhookBatch;
import java.util.Map;

/**
 * One POST a {@link WebhookReceiver} got: lower-cased headers, the raw body, whether both signatures were
 * right for the receiver's secret, and the body parsed by core's parser (null when it did not parse).
 */
public record ReceivedWebhook(Map<String, String> headers, byte[] body, boolean signatureValid,
                              boolean legacySignatureValid, WebhookBatch batch) {

    public ReceivedWebhook {
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    public String bodyText() {
        return new String(body, UTF_8);
    }
}
