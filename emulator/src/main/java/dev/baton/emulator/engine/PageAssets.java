package dev.baton.emulator.engine;

import dev.baton.emulator.PersonProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Page keeps beside its threads: personas, uploaded attachments and the people's profiles. Guarded by
 * the engine's lock, like the rest of {@link PageState}.
 */
final class PageAssets {

    /** A persona of the Page ({@code /me/personas}). */
    record Persona(String id, String name, String profilePictureUrl) {}

    /** An attachment saved for reuse: from the Attachment Upload API, or a send with {@code is_reusable}. */
    record StoredAttachment(String id, String type, String url, String fileName, int size) {}

    /** Numeric ids like Meta's, unique in the JVM (so an id from another Page or emulator never matches). */
    private static final AtomicLong NEXT_ID = new AtomicLong(
            1_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L));

    final Map<String, Persona> personas = new LinkedHashMap<>();
    final Map<String, StoredAttachment> attachments = new LinkedHashMap<>();
    final Map<String, PersonProfile> profiles = new LinkedHashMap<>();

    static String nextId() {
        return Long.toString(NEXT_ID.incrementAndGet());
    }

    Optional<Persona> persona(String id) {
        return Optional.ofNullable(personas.get(id));
    }

    Optional<StoredAttachment> attachment(String id) {
        return Optional.ofNullable(attachments.get(id));
    }
}
