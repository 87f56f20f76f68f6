/** The webhook event model: immutable records, free of framework types, shared by apps, core and the emulator. */
package dev.baton.event;
