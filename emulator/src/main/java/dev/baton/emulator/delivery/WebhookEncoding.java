package dev.baton.emulator.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.engine.OutgoingWebhook;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta's wire form of the emulator's webhooks, through core's {@link WebhookWriter} and
 * {@link WebhookSignature} (the emulator has no serializer or HMAC of its own). Each event gets its own
 * entry, as Meta's {@code messaging[]} "will only contain one messaging object". Thread-safe.
 */
public final class WebhookEncoding {

    private final WebhookWriter writer = new WebhookWriter();
    private final ObjectMapper mapper = new ObjectMapper();

    /** The POST body for events that share one POST (same app, URL and platform). */
    public byte[] body(List<OutgoingWebhook> webhooks, long timeMillis) {
        Platform platform = webhooks.get(0).platform();
        List<WebhookEntry> entries = webhooks.stream()
                .map(webhook -> new WebhookEntry(webhook.pageId(), timeMillis, List.of(webhook.event()), List.of()))
                .toList();
        return writer.write(new WebhookBatch(platform, entries));
    }

    /** Content type and both signatures, Meta's legacy SHA-1 one included. */
    public Map<String, String> headers(byte[] body, String appSecret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Hub-Signature-256", WebhookSignature.sha256Header(body, appSecret));
        headers.put("X-Hub-Signature", WebhookSignature.sha1Header(body, appSecret));
        return headers;
    }

    /** One event as it appears inside {@code messaging[]} or {@code standby[]}, for the control API's answers. */
    public JsonNode eventJson(String pageId, Platform platform, WebhookEvent event) {
        byte[] body = writer.write(new WebhookBatch(platform,
                List.of(new WebhookEntry(pageId, event.header().timestamp(), List.of(event), List.of()))));
        try {
            JsonNode entry = mapper.readTree(body).path("entry").path(0);
            return entry.path(event.channel() == Channel.STANDBY ? "standby" : "messaging").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException("reading our own JSON failed", e);
        }
    }

    /** {@code appsecret_proof}: the HMAC-SHA256 of the token keyed with the app secret, in lowercase hex. */
    public static String appSecretProof(String accessToken, String appSecret) {
        return WebhookSignature.sha256Header(accessToken.getBytes(UTF_8), appSecret).substring("sha256=".length());
    }
}
