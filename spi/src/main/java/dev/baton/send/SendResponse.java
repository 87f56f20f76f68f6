package dev.baton.send;

/** The Send API's answer: {@code {"recipient_id": ..., "message_id": ...}}. */
public record SendResponse(String recipientId, String messageId) {}
