package dev.baton.spi;

/** The journal cannot take a batch now (closed, disk full): the transport answers 503 and Meta retries. */
public class JournalUnavailableException extends RuntimeException {
    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
