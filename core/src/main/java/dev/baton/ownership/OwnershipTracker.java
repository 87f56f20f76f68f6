package dev.baton.ownership;

import static java.util.Objects.requireNonNull;

import dev.baton.dispatch.DispatchListener;
import dev.baton.event.ConversationKey;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import dev.baton.spi.ThreadOwnership.Source;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows who owns each conversation's thread from what the deployment sees, so that owner lookups are
 * answered from memory and Meta's {@code thread_owner} is called only when the deployment truly does not
 * know (the point of Conversation Routing: fewer calls to Meta).
 *
 * <ul>
 *   <li>a {@code messaging[]} event for hosted app X: X owns;
 *   <li>a {@code standby[]} event for X: some app other than X owns (a known other owner is kept);
 *   <li>pass/take handover events: the new owner named in them;
 *   <li>an echo sent through the Page or Instagram Inbox: the inbox took control (a human replied);
 *   <li>this deployment's own successful pass, release or take ({@link #recordOwnAction});
 *   <li>a {@code thread_owner} answer, cached.
 * </ul>
 * An event stamped before the change the current entry is based on changes nothing (webhooks can arrive out
 * of order). A thread-control call whose outcome is unknown (a timeout) makes the owner unknown
 * ({@link #ownerUnknown}), so the next lookup asks Meta.
 * Control lapses 24 hours after the person's last action or the last routing action; an expired entry is
 * not trusted. Changes of owner are written through to the {@link ConversationStore} and read back after a
 * restart. Thread-safe; events of one conversation are expected in order (the dispatcher's lanes).
 */
public final class OwnershipTracker implements DispatchListener {

    private static final Logger log = LoggerFactory.getLogger(OwnershipTracker.class);
    static final Duration CONTROL_LIFETIME = Duration.ofHours(24);

    private final String defaultAppId;
    private final ConversationStore store;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AppIdTable apps = new AppIdTable();
    private final OwnershipMemory memory;

    public OwnershipTracker(String pageId, String defaultAppId, Collection<String> hostedAppIds,
            ConversationStore store, Clock clock, MeterRegistry registry) {
        this.memory = new OwnershipMemory(requireNonNull(pageId, "pageId is null"));
        this.defaultAppId = defaultAppId;
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.registry = requireNonNull(registry, "registry is null");
        hostedAppIds.forEach(apps::indexOf); // hosted apps first, so they get the standby bits
    }

    @Override
    public void beforeHandle(HostedApp app, WebhookEvent event) {
        try {
            learn(app, event);
        } catch (RuntimeException e) {
            // A listener must not throw; a wrong guess only costs a thread_owner call later.
            log.warn("ownership tracking skipped an event ({}) for {}", event.kind(), event.conversation(), e);
        }
    }

    private void learn(HostedApp app, WebhookEvent event) {
        ConversationKey key = event.conversation();
        if (key.userId().isEmpty()) {
            return; // a Page-level event (policy enforcement, app_roles without a sender): no thread to own
        }
        long at = event.header().timestamp() > 0 ? event.header().timestamp() : clock.millis();
        boolean namesOwner = event instanceof HandoverEvent.PassThreadControl
                || event instanceof HandoverEvent.TakeThreadControl
                || event instanceof EchoEvent echo && echo.appId() != null && KnownApps.INBOXES.contains(echo.appId());
        if (olderThanWhatIsKnown(memory.get(key), at, namesOwner)) {
            return;
        }
        if (event instanceof HandoverEvent.PassThreadControl pass) {
            newOwner(key, pass.newOwnerAppId(), at, Source.HANDOVER_EVENT);
        } else if (event instanceof HandoverEvent.TakeThreadControl take) {
            newOwner(key, take.newOwnerAppId(), at, Source.HANDOVER_EVENT);
        } else if (event instanceof HandoverEvent.AppRoles) {
            return;
        } else if (event instanceof EchoEvent echo && echo.appId() != null && KnownApps.INBOXES.contains(echo.appId())) {
            newOwner(key, echo.appId(), at, Source.MESSAGING_EVENT);
        } else {
            boolean personActed = !(event instanceof EchoEvent) && !event.kind().equals("read")
                    && !event.kind().equals("delivery");
            channel(key, apps.indexOf(app.appId()), event.channel() == dev.baton.event.Channel.MESSAGING, at,
                    personActed);
        }
    }

    /**
     * Meta does not promise webhooks in order (a retried or delayed POST arrives after later ones, and each app
     * has its own delivery queue), so news older than what the entry is based on must not undo it: a standby
     * echo of a message sent just before a pass, delivered after the pass, says nothing about the owner now.
     * A messaging or standby event stamped in the same millisecond as a known change of owner counts as older:
     * it only ever confirms or contradicts, while the change is certain. Our own actions and lookups are
     * stamped with the deployment's clock, not Meta's: a handover event (which names the new owner, and may
     * well follow our own pass within the clocks' skew) is never held against them, only messaging and standby
     * events are, which at worst keeps a just-learned owner for the few milliseconds of skew.
     */
    private static boolean olderThanWhatIsKnown(OwnershipEntry known, long at, boolean namesOwner) {
        if (known == null) {
            return false;
        }
        Source source = known.source();
        boolean ourClock = source == Source.OWN_ACTION || source == Source.GRAPH_LOOKUP;
        if (namesOwner) {
            return !ourClock && at < known.sinceMillis;
        }
        return at < known.sinceMillis
                || at == known.sinceMillis && (source == Source.HANDOVER_EVENT || ourClock);
    }

    private void newOwner(ConversationKey key, String ownerAppId, long at, Source source) {
        if (ownerAppId == null) {
            forget(key);
            return;
        }
        remember(key, new OwnershipEntry(apps.indexOf(ownerAppId), 0, at, at + CONTROL_LIFETIME.toMillis(), source));
    }

    private void channel(ConversationKey key, short app, boolean owns, long at, boolean personActed) {
        OwnershipEntry old = memory.get(key);
        long expires = personActed || old == null ? at + CONTROL_LIFETIME.toMillis() : old.expiresMillis;
        if (owns) {
            boolean same = old != null && old.owner == app;
            remember(key, new OwnershipEntry(app, 0, same ? old.sinceMillis : at, expires,
                    same ? old.source() : Source.MESSAGING_EVENT));
        } else if (old != null && old.owner >= 0 && old.owner != app) {
            memory.put(key, new OwnershipEntry(old.owner, 0, old.sinceMillis, expires, old.source()));
        } else {
            long others = old != null && old.owner < 0 && old.notOwners != OwnershipEntry.NOBODY ? old.notOwners : 0;
            remember(key, new OwnershipEntry((short) -1, others | AppIdTable.bit(app), at, expires,
                    Source.STANDBY_EVENT));
        }
    }

    /**
     * Records this deployment's own successful pass ({@code newOwnerAppId} the target), release or pass to
     * the default app ({@code newOwnerAppId} null: the default app when known), or take ({@code actingAppId}).
     */
    public void recordOwnAction(ConversationKey key, String actingAppId, String newOwnerAppId) {
        long now = clock.millis();
        long expires = now + CONTROL_LIFETIME.toMillis();
        String owner = newOwnerAppId != null ? newOwnerAppId : defaultAppId;
        remember(key, owner != null
                ? new OwnershipEntry(apps.indexOf(owner), 0, now, expires, Source.OWN_ACTION)
                : new OwnershipEntry((short) -1, AppIdTable.bit(apps.indexOf(actingAppId)), now, expires,
                        Source.OWN_ACTION));
    }

    /**
     * A pass, release or take of this deployment ended without knowing whether Meta did it (a timeout, a
     * connection lost after sending): the owner is not known any more, here or in the store, so the next
     * {@link #owner} asks Meta rather than trust what was true before the call.
     */
    public void ownerUnknown(ConversationKey key) {
        memory.remove(key);
        try {
            store.putOwnership(key, ThreadOwnership.UNKNOWN);
        } catch (RuntimeException e) {
            log.warn("could not store that the owner of {} is unknown", key, e);
        }
    }

    /** The owner as {@code askingAppId} needs to know it: from memory, else the store, else {@code lookup}. */
    public ThreadOwnership owner(ConversationKey key, String askingAppId,
            Function<ConversationKey, Optional<ThreadOwnerAnswer>> lookup) {
        short asking = apps.indexOf(askingAppId);
        long now = clock.millis();
        OwnershipEntry entry = memory.get(key);
        if (entry != null && !entry.expired(now) && entry.answersFor(asking)) {
            count("memory");
            return entry.toOwnership(apps);
        }
        if (entry == null) {
            Optional<ThreadOwnership> stored = store.ownership(key);
            if (stored.isPresent() && stored.get().ownerAppId() != null && stored.get().expiresAt() != null
                    && stored.get().expiresAt().toEpochMilli() > now) {
                ThreadOwnership known = stored.get();
                memory.put(key, new OwnershipEntry(apps.indexOf(known.ownerAppId()), 0,
                        known.since() == null ? 0 : known.since().toEpochMilli(), known.expiresAt().toEpochMilli(),
                        known.source()));
                count("store");
                return known;
            }
        }
        count("meta");
        Optional<ThreadOwnerAnswer> answer = lookup.apply(key);
        long expires = answer.map(ThreadOwnerAnswer::expiration).map(java.time.Instant::toEpochMilli).orElse(0L);
        OwnershipEntry learned = answer.isEmpty()
                ? new OwnershipEntry((short) -1, OwnershipEntry.NOBODY, now, 0, Source.GRAPH_LOOKUP)
                : answer.get().appId() != null
                        ? new OwnershipEntry(apps.indexOf(answer.get().appId()), 0, now, expires, Source.GRAPH_LOOKUP)
                        : new OwnershipEntry((short) -1, AppIdTable.bit(asking), now, expires, Source.GRAPH_LOOKUP);
        remember(key, learned);
        return learned.toOwnership(apps);
    }

    /** The remembered owner, if any and not expired, without asking anyone or counting a lookup. */
    public Optional<ThreadOwnership> fromMemory(ConversationKey key) {
        OwnershipEntry entry = memory.get(key);
        return entry == null || entry.expired(clock.millis()) ? Optional.empty() : Optional.of(entry.toOwnership(apps));
    }

    public int trackedConversations() {
        return memory.size();
    }

    private void remember(ConversationKey key, OwnershipEntry entry) {
        OwnershipEntry old = memory.get(key);
        memory.put(key, entry);
        if (old == null || old.owner != entry.owner || old.notOwners != entry.notOwners) {
            try {
                store.putOwnership(key, entry.toOwnership(apps));
            } catch (RuntimeException e) {
                log.warn("could not store the owner of {}; memory still has it", key, e);
            }
        }
    }

    private void forget(ConversationKey key) {
        memory.remove(key);
    }

    private void count(String source) {
        registry.counter("baton.ownership.lookups", "source", source).increment();
    }
}
