/**
 * The emulator's HTTP face on the JDK's built-in server: the Graph API under {@code /v{N}/} and the control
 * API under {@code /_emulator/}. Internal; no server type appears in the emulator's public API.
 */
package dev.baton.emulator.http;
