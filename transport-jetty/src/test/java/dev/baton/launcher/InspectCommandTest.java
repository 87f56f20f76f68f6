package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.webhook.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "inspect-test-secret-do-not-print";
    private static final String BODY = "{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1,\"messaging\":["
            + "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":5,"
            + "\"message\":{\"mid\":\"m1\",\"text\":\"hi\"}},"
            + "{\"recipient\":{\"id\":\"111\"},\"timestamp\":6,\"postback\":{\"payload\":\"P\"}}],"
            + "\"standby\":[{\"sender\":{\"id\":\"u2\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":7,"
            + "\"read\":{\"watermark\":4}}]},{\"id\":\"111\",\"changes\":[{\"field\":\"inbox_labels\"}]}]}";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return InspectCommand.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    private Path file(String body) throws Exception {
        return Files.writeString(directory.resolve("body.json"), body);
    }

    @Test
    void printsEveryEventOnItsOwnLineWithTheUntypedReasonThenTheSignatureAndExitsZero() throws Exception {
        Path body = file(BODY);
        String signature = WebhookSignature.sha256Header(Files.readAllBytes(body), SECRET);

        int code = run(Map.of("APP_SECRET", SECRET), "inspect", body.toString(), "--secret-env", "APP_SECRET",
                "--signature", signature);

        assertThat(code).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("message");
        assertThat(lines.get(0).get("entry").asInt()).isZero();
        assertThat(lines.get(0).get("channel").asText()).isEqualTo("messaging");
        assertThat(lines.get(0).get("conversation").asText()).isEqualTo("111/u1");
        assertThat(lines.get(0).get("mid").asText()).isEqualTo("m1");
        assertThat(lines.get(0).get("fields").get("message").get("text").asText()).isEqualTo("hi");
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("unknown");
        assertThat(lines.get(1).get("reason").asText()).isEqualTo("MISSING_FIELD entry[0].messaging[1].sender");
        assertThat(lines.get(2).get("channel").asText()).isEqualTo("standby");
        assertThat(lines.get(2).get("kind").asText()).isEqualTo("read");
        assertThat(lines.get(3).get("skipped").asText()).isEqualTo("CHANGES");
        assertThat(lines.get(3).get("path").asText()).isEqualTo("entry[1].changes");
        assertThat(lines.get(4).get("signature").asText()).isEqualTo("VALID");
        assertThat(lines.get(4).get("holds").asBoolean()).isTrue();
        assertThat(lines.get(5).get("accepted").asBoolean()).isTrue();
        assertThat(lines.get(5).get("untyped").asInt()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8) + err).doesNotContain(SECRET);
    }

    @Test
    void aSignatureThatDoesNotHoldIsARefusal() throws Exception {
        Path body = file(BODY);
        String other = WebhookSignature.sha256Header(Files.readAllBytes(body), "another-secret");

        int code = run(Map.of("APP_SECRET", SECRET), "inspect", body.toString(), "--secret-env", "APP_SECRET",
                "--signature", other);

        assertThat(code).isEqualTo(2);
        List<JsonNode> lines = lines();
        assertThat(lines.get(lines.size() - 2).get("signature").asText()).isEqualTo("MISMATCH");
        assertThat(lines.get(lines.size() - 1).get("accepted").asBoolean()).isFalse();
        assertThat(lines.get(lines.size() - 1).get("reason").asText()).isEqualTo("signature mismatch (403)");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET)
                .doesNotContain(WebhookSignature.sha256Header(Files.readAllBytes(body), SECRET));
    }

    @Test
    void withoutASignatureOnlyTheBodyIsJudged() throws Exception {
        assertThat(run(Map.of(), "inspect", file(BODY).toString())).isZero();
        assertThat(lines()).noneMatch(line -> line.has("signature"));
    }

    @Test
    void whatCannotBeAWebhookExitsTwoWithTheReason() throws Exception {
        assertThat(run(Map.of(), "inspect", file("{\"object\":\"page\",\"entry\":[").toString())).isEqualTo(2);
        assertThat(lines().get(0).get("reason").asText()).startsWith("invalid webhook body: MALFORMED_JSON");

        out.reset();
        assertThat(run(Map.of(), "inspect", file("{\"object\":\"page\"}").toString())).isEqualTo(2);
        assertThat(lines().get(0).get("reason").asText()).isEqualTo("invalid webhook body: MISSING_FIELD at entry");

        out.reset();
        assertThat(run(Map.of(), "inspect", file("[1]").toString())).isEqualTo(2);
        assertThat(lines().get(0).get("reason").asText()).contains("NOT_AN_OBJECT");
    }

    @Test
    void anUnknownObjectIsAcceptedAndSaidSo() throws Exception {
        assertThat(run(Map.of(), "inspect", file("{\"object\":\"user\",\"entry\":[]}").toString())).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("skipped").asText()).isEqualTo("UNKNOWN_OBJECT");
        assertThat(lines.get(0).get("object").asText()).isEqualTo("user");
        assertThat(lines.get(1).get("events").asInt()).isZero();
    }

    @Test
    void usageErrorsExitOne() throws Exception {
        assertThat(run(Map.of(), "inspect")).isEqualTo(1);
        assertThat(run(Map.of(), "inspect", file(BODY).toString(), "--secret-env", "APP_SECRET")).isEqualTo(1);
        assertThat(run(Map.of(), "inspect", file(BODY).toString(), "--secret-env", "NOPE", "--signature", "x"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOPE is not set").contains("usage: inspect");
        assertThat(run(Map.of(), "inspect", directory.resolve("missing.json").toString())).isEqualTo(1);
    }
}
