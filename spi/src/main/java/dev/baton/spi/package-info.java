/**
 * The service-provider interface apps and storage implement or use, with the app entry point ({@link dev.baton.spi.AppPlugin}, {@link dev.baton.spi.AppContext}). Interfaces, enums and records only: no
 * Guice, Jetty or Jackson types appear here.
 */
package dev.baton.spi;
