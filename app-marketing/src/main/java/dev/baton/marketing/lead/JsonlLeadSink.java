package dev.baton.marketing.lead;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each lead as one JSON object per line to a file and syncs it to disk before returning, so a lead the
 * person was thanked for survives a crash. Fields: {@code captured_at}, {@code campaign}, {@code ad_id},
 * {@code choice}, {@code kind}, {@code contact}, {@code page_id}, {@code user_id}. Thread-safe (one writer at
 * a time). The file holds personal data: keep it where only the business can read it.
 */
public final class JsonlLeadSink implements LeadSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;

    public JsonlLeadSink(Path path) {
        this.path = requireNonNull(path, "path is null");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lead file " + path, e);
        }
    }

    @Override
    public synchronized void accept(Lead lead) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("captured_at", lead.capturedAt().toString());
        line.put("campaign", lead.campaign());
        line.put("ad_id", lead.adId());
        line.put("choice", lead.choice());
        line.put("kind", lead.kind());
        line.put("contact", lead.contact());
        line.put("page_id", lead.pageId());
        line.put("user_id", lead.userId());
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            // The message names the file only: the lead itself is personal data.
            throw new UncheckedIOException("cannot append a lead to " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the lead file " + path, e);
        }
    }
}
