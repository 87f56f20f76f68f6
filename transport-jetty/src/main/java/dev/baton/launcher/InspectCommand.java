package dev.baton.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.EventDescription;
import dev.baton.webhook.SignatureCheck;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookRead;
import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code inspect FILE [--secret-env NAME --signature HEADER]}: what Baton makes of a webhook body someone
 * captured, for debugging a Page. Prints one JSON object per line: each event the body becomes (entry index,
 * channel, kind, conversation key, mid, the typed fields, and for an untyped event its reason and path), each
 * part set aside (a {@code changes[]} entry, an unknown object), then, when a signature is given, whether it
 * holds for the bytes of the file with the secret in the environment variable {@code NAME}, and last the
 * verdict. Exit code 0 when the ingest would accept the body (200), 2 when it would refuse it (the reason is
 * printed), 1 for a usage error or an unreadable file.
 *
 * <p>The secret is read from the environment, never from the command line (which other users can see), and is
 * never printed; nor is the expected signature.
 */
final class InspectCommand {

    static final int EXIT_ACCEPTED = 0;
    static final int EXIT_USAGE = 1;
    static final int EXIT_REFUSED = 2;
    static final String USAGE = "usage: inspect FILE [--secret-env NAME --signature HEADER]";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InspectCommand() {}

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String file = null;
        String secretEnv = null;
        String signature = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--secret-env") || arg.equals("--signature")) && i + 1 < args.length) {
                if (arg.equals("--secret-env")) {
                    secretEnv = args[++i];
                } else {
                    signature = args[++i];
                }
            } else if (file == null && !arg.startsWith("--")) {
                file = arg;
            } else {
                err.println("baton inspect: unexpected argument " + (arg.startsWith("--") ? arg : "'" + arg + "'")
                        + "\n" + USAGE);
                return EXIT_USAGE;
            }
        }
        if (file == null || (secretEnv == null) != (signature == null)) {
            err.println("baton inspect: " + (file == null ? "no FILE given" : "--secret-env and --signature go together")
                    + "\n" + USAGE);
            return EXIT_USAGE;
        }
        String secret = null;
        if (secretEnv != null) {
            secret = environment.get(secretEnv);
            if (secret == null || secret.isEmpty()) {
                err.println("baton inspect: environment variable " + secretEnv + " is not set");
                return EXIT_USAGE;
            }
        }
        byte[] body;
        try {
            body = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            err.println("baton inspect: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return EXIT_USAGE;
        }
        return inspect(body, secret, signature, out);
    }

    private static int inspect(byte[] body, String secret, String signature, PrintStream out) {
        WebhookRead read = null;
        String refusal = null;
        try {
            read = new WebhookParser().read(body);
        } catch (WebhookParseException e) {
            refusal = "invalid webhook body: " + e.reason() + " at " + (e.path().isEmpty() ? "the top level" : e.path());
        }
        if (read != null) {
            print(read, out);
        }
        if (secret != null) {
            SignatureCheck check = WebhookSignature.verify(body, signature, secret);
            out.println(line(MAPPER.createObjectNode().put("signature", check.name())
                    .put("holds", check == SignatureCheck.VALID)));
            if (check != SignatureCheck.VALID && refusal == null) {
                // The ingest checks the signature first: 401 for a missing header, 403 for a wrong one.
                refusal = "signature " + check.name().toLowerCase(java.util.Locale.ROOT) + " ("
                        + (check == SignatureCheck.MISSING ? 401 : 403) + ")";
            }
        }
        ObjectNode verdict = MAPPER.createObjectNode().put("accepted", refusal == null);
        if (refusal != null) {
            verdict.put("reason", refusal);
        } else {
            verdict.put("events", read.events().size()).put("untyped", read.untyped().size());
        }
        out.println(line(verdict));
        return refusal == null ? EXIT_ACCEPTED : EXIT_REFUSED;
    }

    private static void print(WebhookRead read, PrintStream out) {
        read.batch().ifPresent(batch -> {
            int index = 0;
            for (WebhookEntry entry : batch.entries()) {
                for (WebhookEvent event : entry.events()) {
                    out.println(line(EventDescription.of(index, event)));
                }
                index++;
            }
        });
        for (WebhookRead.Skipped skipped : read.skipped()) {
            ObjectNode node = MAPPER.createObjectNode().put("skipped", skipped.kind().name()).put("path", skipped.path());
            if (skipped.kind() == WebhookRead.Skipped.Kind.UNKNOWN_OBJECT) {
                node.put("object", read.object());
            }
            out.println(line(node));
        }
    }

    private static String line(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
