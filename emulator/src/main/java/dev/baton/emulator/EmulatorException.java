package dev.baton.emulator;

/**
 * A control-API request the emulator refuses: bad input, an unknown Page or person, a registration whose
 * subscription check failed. The message says what was wrong and never contains a secret; state is unchanged.
 */
public class EmulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public EmulatorException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public static EmulatorException badRequest(String message) {
        return new EmulatorException(400, message);
    }

    public static EmulatorException notFound(String message) {
        return new EmulatorException(404, message);
    }

    /** The HTTP status the control API answers with: 400 bad input, 404 unknown, 409 conflict, 502 check failed. */
    public int httpStatus() {
        return httpStatus;
    }
}
