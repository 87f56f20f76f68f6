/**
 * The transport seam: what a server needs from a deployment ({@link dev.baton.server.HostedDeployment}: the
 * webhook endpoint, app endpoints, readiness, drain, close) and the one answer record for a webhook request.
 * No transport types here; {@code baton-transport-jetty} only moves bytes between HTTP and these.
 */
package dev.baton.server;
