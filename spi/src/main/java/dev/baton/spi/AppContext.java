package dev.baton.spi;

import dev.baton.event.Platform;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What an app instance's plugin gets to build the app: who it is, the Page, the other hosted apps (to find
 * the default app or the inbox bridge by role), its own {@code settings:} block, the deployment's clock, a
 * {@link ConversationTrigger} for input from outside Meta, the narrow in-house {@link HostedHandover}, and
 * {@link #closeOnShutdown} for what the app opens. Holds no secret (the app talks to Meta through its
 * {@link Conversation}).
 *
 * <p>Thread-safe. The deployment's implementation may offer more (the runtime's also gives its
 * {@code MeterRegistry}); an app that needs only this interface runs on any Baton deployment.
 */
public interface AppContext {

    /** This app instance: its name, Meta app id and role. */
    HostedApp app();

    String pageId();

    Platform platform();

    /** Every app hosted by this deployment, this one included, in config order. */
    List<HostedApp> hostedApps();

    /** The first hosted app with {@code role}, if any. */
    default Optional<HostedApp> hostedApp(AppRole role) {
        return hostedApps().stream().filter(hosted -> hosted.role() == role).findFirst();
    }

    /**
     * The Page's default app id: {@code page.defaultAppId} when configured, else the hosted app with role
     * DEFAULT, else empty (then a pass without target goes to whatever Meta has as default).
     */
    Optional<String> defaultAppId();

    /**
     * This app's {@code settings:} block as {@code type} (usually a record). Unknown keys are refused with an
     * unchecked exception naming {@code apps[NAME].settings.KEY} (never the value); absent keys are null/0.
     */
    <T> T settings(Class<T> type);

    /** Like {@link #settings(Class)}, absent keys taken from {@code defaults}. */
    <T> T settings(Class<T> type, T defaults);

    /** The deployment's clock; use it rather than the system clock, so tests can move time. */
    Clock clock();

    /** Runs this app's {@code onTimer} in a conversation's lane; usable once the deployment started. */
    ConversationTrigger trigger();

    /**
     * The in-house handover for this app: has the hosted default app pass a thread back to it (only an app
     * with role {@code INBOX}; refused otherwise). Using it is the app's explicit choice; see
     * {@link HostedHandover} for what it can and cannot do.
     */
    HostedHandover hostedHandover();

    /**
     * Has the deployment close {@code resource} when it shuts down (a file, a connection pool, a client),
     * after this app's last callback and in the order {@link AppPlugin} describes. Call it from
     * {@link AppPlugin#create}; the app itself needs no registration when it is {@link AutoCloseable}.
     *
     * @return {@code resource}, so that opening and registering can be one expression
     */
    <T extends AutoCloseable> T closeOnShutdown(T resource);
}
