package dev.baton.emulator.engine;

import static java.util.Objects.requireNonNull;

/** A file part of a {@code multipart/form-data} Graph call ({@code filedata} for the Attachment Upload API). */
public record UploadedFile(String fieldName, String fileName, String contentType, byte[] bytes) {

    public UploadedFile {
        requireNonNull(fieldName, "fieldName is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(bytes, "bytes is null");
    }
}
