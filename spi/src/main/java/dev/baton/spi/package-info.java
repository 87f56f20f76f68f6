/**
 * The service-provider interface apps and storage implement or use. Interfaces, enums and records only: no
 * Guice, Jetty or Jackson types appear here.
 */
package dev.baton.spi;
