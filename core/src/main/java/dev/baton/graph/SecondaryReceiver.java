package dev.baton.graph;

/** One entry of {@code GET /{page-id}/secondary_receivers} (legacy Handover Protocol). */
public record SecondaryReceiver(String id, String name) {}
