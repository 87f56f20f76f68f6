package dev.baton.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Finds the access token of a Graph API call where Meta accepts it: query, bearer header, form or JSON body. */
final class GraphTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphTokens() {}

    static String find(String rawQuery, String authorization, byte[] body) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String fromQuery = formValue(rawQuery);
        if (fromQuery != null) {
            return fromQuery;
        }
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode token = JSON.readTree(text).get("access_token");
                return token == null ? null : token.asText();
            } catch (IOException e) {
                return null;
            }
        }
        return formValue(text);
    }

    private static String formValue(String form) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals("access_token")) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
