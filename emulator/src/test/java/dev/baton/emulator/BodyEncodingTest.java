package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.PSID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.delivery.WebhookEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * curl-level: every body encoding Meta reads, the token in every documented place, and Meta's envelope for
 * requests refused before any API sees them. Raw bodies through the JDK's HTTP client, raw bytes on a
 * socket where the client would refuse to send them.
 */
class BodyEncodingTest {

    private static final String BOUNDARY = "----BatonBoundary7MA4YWxkTrZu0gW";

    private PageFixture page;

    @BeforeEach
    void personWrote() {
        page = PageFixture.withDefaultApp();
        page.act("messages", Map.of("text", "hi"));
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void jsonBody() {
        HttpJson.Answer answer = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                "application/json", "{\"messaging_type\":\"RESPONSE\",\"recipient\":{\"id\":\"" + PSID
                        + "\"},\"message\":{\"text\":\"json\"}}");

        assertSent(answer, "json");
    }

    @Test
    void formBodyWithJsonValuedFields() {
        HttpJson.Answer answer = post("/v25.0/me/messages", "application/x-www-form-urlencoded",
                form(Map.of("access_token", PageFixture.token(DEFAULT_APP), "messaging_type", "RESPONSE",
                        "recipient", "{\"id\":\"" + PSID + "\"}", "message", "{\"text\":\"form\"}")));

        assertSent(answer, "form");
    }

    @Test
    void formBodyWithMetasSingleQuotedJson() {
        // Meta's own Send API reference sample: recipient={'id':'PSID'}
        HttpJson.Answer answer = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                "application/x-www-form-urlencoded", form(Map.of("messaging_type", "RESPONSE",
                        "recipient", "{'id':'" + PSID + "'}", "message", "{'text':'single quoted'}")));

        assertSent(answer, "single quoted");
    }

    @Test
    void multipartBodyWithTheTokenAsAPart() {
        // What curl -F sends, and what Meta's Java business SDK sends for every POST.
        String body = multipart(Map.of("access_token", PageFixture.token(DEFAULT_APP), "messaging_type", "RESPONSE",
                "recipient", "{\"id\":\"" + PSID + "\"}", "message", "{\"text\":\"multipart\"}",
                "appsecret_proof", WebhookEncoding.appSecretProof(PageFixture.token(DEFAULT_APP),
                        PageFixture.secret(DEFAULT_APP))));

        HttpJson.Answer answer = post("/v25.0/me/messages", "multipart/form-data; boundary=" + BOUNDARY, body);

        assertSent(answer, "multipart");
    }

    @Test
    void multipartWithAWrongProofIsRefusedLikeAnyOther() {
        String body = multipart(Map.of("access_token", PageFixture.token(DEFAULT_APP), "messaging_type", "RESPONSE",
                "recipient", "{\"id\":\"" + PSID + "\"}", "message", "{\"text\":\"x\"}", "appsecret_proof", "00ff"));

        HttpJson.Answer answer = post("/v25.0/me/messages", "multipart/form-data; boundary=" + BOUNDARY, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(100);
        assertThat(answer.json().path("error").path("type").asText()).isEqualTo("GraphMethodException");
        assertThat(transcriptTexts()).doesNotContain("x");
    }

    @Test
    void malformedMultipartIsCode100() {
        HttpJson.Answer answer = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                "multipart/form-data; boundary=" + BOUNDARY, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"recipient\"\r\n\r\n{\"id\":\"" + PSID + "\"}");   // no closing boundary

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(100);
    }

    @Test
    void bearerTokenWithAFormBody() {
        HttpJson.Answer answer = page.http.send(HttpRequest.newBuilder(URI.create(page.emulator.baseUrl()
                        + "/v25.0/me/messages"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + PageFixture.token(DEFAULT_APP))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("messaging_type", "RESPONSE",
                        "recipient", "{\"id\":\"" + PSID + "\"}", "message", "{\"text\":\"bearer\"}")), UTF_8)));

        assertSent(answer, "bearer");
    }

    @Test
    void senderActionsInLowercaseAsMetasGuideWritesThem() {
        for (String action : new String[] {"typing_on", "typing_off", "mark_seen", "Typing_On"}) {
            HttpJson.Answer answer = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                    "application/json", "{\"recipient\":{\"id\":\"" + PSID + "\"},\"sender_action\":\"" + action + "\"}");

            assertThat(answer.status()).as(action + ": " + answer.json()).isEqualTo(200);
            assertThat(answer.json().path("recipient_id").asText()).isEqualTo(PSID);
        }
        HttpJson.Answer unknown = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                "application/json", "{\"recipient\":{\"id\":\"" + PSID + "\"},\"sender_action\":\"dance\"}");
        assertThat(unknown.errorCode()).isEqualTo(100);
    }

    @Test
    void invalidJsonInAFormFieldIsCode100() {
        HttpJson.Answer answer = post("/v25.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP),
                "application/x-www-form-urlencoded", form(Map.of("messaging_type", "RESPONSE",
                        "recipient", "{'id':", "message", "{\"text\":\"x\"}")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(100);
        assertThat(answer.errorMessage()).contains("recipient");
    }

    @Test
    void aMalformedPercentEscapeInTheQueryGetsMetasEnvelope() throws IOException {
        RawAnswer answer = raw("GET /v25.0/me/thread_owner?recipient=%zz&access_token="
                + PageFixture.token(DEFAULT_APP) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode error = HttpJson.MAPPER.readTree(answer.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(error.path("fbtrace_id").asText()).isNotEmpty();
        assertThat(answer.body()).doesNotContain(PageFixture.token(DEFAULT_APP));
    }

    @Test
    void aMalformedPathOrRequestLineGetsMetasEnvelopeNotAnHtmlPage() throws IOException {
        for (String request : new String[] {
                "GET /v25.0/%zz/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v25.0/me?a=b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v25.0/me HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n",
                "GET /v25.0/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"}) {
            RawAnswer answer = raw(request);

            assertThat(answer.status()).as(request.lines().findFirst().orElseThrow()).isBetween(400, 499);
            assertThat(answer.contentType()).as(answer.body()).startsWith("application/json");
            JsonNode error = HttpJson.MAPPER.readTree(answer.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(100);
            assertThat(error.path("type").asText()).isEqualTo("OAuthException");
            assertThat(answer.body()).doesNotContain("<html", "<h1");
        }
    }

    @Test
    void theControlApiAnswersMalformedRequestsWithJsonToo() throws IOException {
        // A URL the server cannot parse has no path to route by: the answer is Meta's envelope, which carries
        // error.message like the control API's own.
        RawAnswer answer = raw("GET /_emulator/pages/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(HttpJson.MAPPER.readTree(answer.body()).path("error").path("message").asText()).isNotEmpty();
    }

    @Test
    void theControlApiKeepsItsOwnEnvelopeForABadEscapeInItsQuery() throws IOException {
        RawAnswer answer = raw("GET /_emulator/pages?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode error = HttpJson.MAPPER.readTree(answer.body()).path("error");
        assertThat(error.path("message").asText()).isNotEmpty();
        assertThat(error.has("code")).isFalse();
    }

    @Test
    void unbracedJsonInARawQueryStringIsRead() throws IOException {
        // curl -g sends braces and quotes unescaped; the JDK's server refused such URLs with an HTML page.
        RawAnswer answer = raw("GET /v25.0/me/thread_owner?recipient=" + PSID + "&access_token="
                + PageFixture.token(DEFAULT_APP) + "&x={\"a\":1} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode json = HttpJson.MAPPER.readTree(answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(json.path("data").path(0).path("thread_owner").path("app_id").asText()).isEqualTo(DEFAULT_APP);
    }

    private void assertSent(HttpJson.Answer answer, String text) {
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().path("recipient_id").asText()).isEqualTo(PSID);
        assertThat(answer.json().path("message_id").asText()).startsWith("m_");
        assertThat(transcriptTexts()).contains(text);
    }

    private java.util.List<String> transcriptTexts() {
        java.util.List<String> texts = new java.util.ArrayList<>();
        page.conversation().path("transcript").forEach(line -> texts.add(line.path("text").asText()));
        return texts;
    }

    private HttpJson.Answer post(String pathAndQuery, String contentType, String body) {
        return page.http.send(HttpRequest.newBuilder(URI.create(page.emulator.baseUrl() + pathAndQuery))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)));
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((key, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(key, UTF_8)).append('=').append(URLEncoder.encode(value, UTF_8)));
        return form.toString();
    }

    private static String multipart(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((key, value) -> body.append("--").append(BOUNDARY).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(key).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        return body.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    record RawAnswer(int status, String contentType, String body) {}

    /** Bytes on a socket, as a client that does not check its URLs would send them. */
    private RawAnswer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", page.emulator.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String contentType = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("");
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawAnswer(status, contentType, response.substring(headerEnd + 4));
        }
    }
}
