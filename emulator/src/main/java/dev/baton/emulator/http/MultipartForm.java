package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.util.Attributes;

/**
 * A {@code multipart/form-data} body read by Jetty's parser: parts without a file name are fields (as in a
 * form body), parts with one are files ({@code curl -F filedata=@photo.png}). Meta's Java business SDK sends
 * every POST this way, with {@code access_token} and {@code appsecret_proof} as parts.
 */
record MultipartForm(Map<String, String> fields, List<UploadedFile> files) {

    static MultipartForm parse(String contentType, byte[] body) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw GraphError.invalidParameter("a multipart/form-data body needs a boundary").exception();
        }
        // Everything in memory: the body was read (and capped) already, and no part is written to disk.
        MultiPartConfig config = new MultiPartConfig.Builder()
                .maxMemoryPartSize(body.length + 1L)
                .maxSize(body.length + 1L)
                .useFilesForPartsWithoutFileName(false)
                .build();
        Map<String, String> fields = new LinkedHashMap<>();
        List<UploadedFile> files = new ArrayList<>();
        try (MultiPartFormData.Parts parts = MultiPartFormData.getParts(
                new ByteBufferContentSource(ByteBuffer.wrap(body)), new Attributes.Lazy(), contentType, config)) {
            for (MultiPart.Part part : parts) {
                if (part.getName() == null) {
                    continue;
                }
                if (part.getFileName() == null) {
                    fields.put(part.getName(), part.getContentAsString(UTF_8));
                } else {
                    byte[] bytes;
                    try (InputStream in = Content.Source.asInputStream(part.createContentSource())) {
                        bytes = in.readAllBytes();
                    }
                    files.add(new UploadedFile(part.getName(), part.getFileName(),
                            part.getHeaders().get(HttpHeader.CONTENT_TYPE), bytes));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Jetty reports a malformed body (bad boundary, truncated part) as an unchecked failure.
            if (e instanceof dev.baton.emulator.engine.GraphApiException graphError) {
                throw graphError;
            }
            throw GraphError.invalidParameter("the multipart/form-data body could not be read").exception();
        }
        return new MultipartForm(Map.copyOf(fields), List.copyOf(files));
    }
}
