package dev.baton.send;

/**
 * PLACEHOLDER owned by the Graph client work (issue 3): the full Send API request model with builder
 * replaces this file. Kept minimal so other packages compile meanwhile.
 */
public record SendRequest(String recipientId, String text) {

    public static SendRequest text(String text) {
        return new SendRequest(null, text);
    }
}
