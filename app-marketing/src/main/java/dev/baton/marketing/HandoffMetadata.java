package dev.baton.marketing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.marketing.lead.Lead;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metadata} of a pass or release: a small JSON object telling the next app why the marketing app
 * stopped and what it learned, so the person is not asked again. Shape:
 * {@code {"source":"baton-marketing","why":"...","outcome":"...","campaign":"...","ad_id":"...","ref":"...",
 * "choice":"...","lead":{"kind":"email","contact":"..."}}}; absent values are left out. Kept under Meta's
 * 1,000-character limit by shortening {@code ref} (which may be up to 2,083 characters) first.
 */
final class HandoffMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REF = 200;

    private HandoffMetadata() {}

    static String of(String why, Outcome outcome, Session session, Lead lead) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", "baton-marketing");
        fields.put("why", why);
        fields.put("outcome", outcome.tag());
        session.campaign().ifPresent(campaign -> fields.put("campaign", campaign));
        session.adId().ifPresent(adId -> fields.put("ad_id", adId));
        session.ref().ifPresent(ref -> fields.put("ref", ref.length() > MAX_REF ? ref.substring(0, MAX_REF) : ref));
        session.choice().ifPresent(choice -> fields.put("choice", choice));
        if (lead != null) {
            fields.put("lead", Map.of("kind", lead.kind(), "contact", lead.contact()));
        }
        String json = write(fields);
        if (json.length() > MessageLimits.MAX_METADATA) {
            // Only an extreme ad id or contact gets here; the reason alone still tells the next app enough.
            fields.keySet().retainAll(java.util.Set.of("source", "why", "outcome", "campaign"));
            json = write(fields);
        }
        return json;
    }

    private static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write hand-over metadata", e);
        }
    }
}
