package dev.baton.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The valid webhook bodies under {@code src/test/resources/reliability/corpus/}, as Meta sends them. */
public final class Corpus {

    private static final List<String> NAMES = List.of("message", "ctm-referral", "postback", "handover",
            "standby-and-echo", "read-delivery-reaction", "instagram");

    private Corpus() {}

    public static List<byte[]> load() {
        List<byte[]> bodies = new ArrayList<>();
        for (String name : NAMES) {
            String resource = "/reliability/corpus/" + name + ".json";
            try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                bodies.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }
}
