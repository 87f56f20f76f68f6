/**
 * Finding the store plugins ({@link dev.baton.spi.StoreProvider}) and opening the one {@code store.type}
 * names. The implementations live in their own packages ({@code dev.baton.store.memory} here, the others in
 * their own modules) and never depend on this package.
 */
package dev.baton.store;
