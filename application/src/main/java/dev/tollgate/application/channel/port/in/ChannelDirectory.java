package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Fingerprints;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * In-memory view of channels and the routing index (group → model → enabled platform channels, highest priority
 * first; organisation → model → its enabled private channels, alone and merged ahead of each group's platform
 * channels), kept current by channel events. The index is rebuilt on every change (changes are rare; reads are per
 * request) and published as one immutable value.
 */
public class ChannelDirectory {
    private record Entry(ChannelView view, List<String> keys) {}

    private final Map<String, Entry> channels = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> keyCursors = new ConcurrentHashMap<>();
    /** Every channel ever created as private (kept after deletion: a call in flight is still guarded). */
    private final Set<String> privateChannels = ConcurrentHashMap.newKeySet();

    private final ChannelSecretPort secrets;
    private final ViewFreshness freshness;
    private volatile RoutingIndex index = RoutingIndex.EMPTY;

    /**
     * The routing index, replaced as a whole on every change.
     *
     * @param platform      group → model → enabled platform channels, highest priority first
     * @param organizations organisation id → the routes of its keys, for the organisations with private channels
     */
    private record RoutingIndex(
            Map<String, Map<String, List<RoutableChannel>>> platform, Map<String, OrganizationRoutes> organizations) {
        static final RoutingIndex EMPTY = new RoutingIndex(Map.of(), Map.of());
    }

    /**
     * What an organisation's keys are routed to.
     *
     * @param own    model → the organisation's enabled private channels, highest priority first
     * @param merged group → model → its private channels first, then the platform channels of the group (only for
     *               the models both serve), each tier ranked (see {@link RoutableChannel#priority()})
     */
    private record OrganizationRoutes(
            Map<String, List<RoutableChannel>> own, Map<String, Map<String, List<RoutableChannel>>> merged) {}

    public ChannelDirectory(ChannelSecretPort secrets, ViewFreshness freshness) {
        this.secrets = secrets;
        this.freshness = freshness;
    }

    @EventHandler
    void on(ChannelCreatedEvent e, @SequenceNumber long sequence) {
        ChannelView view = new ChannelView(
                e.channelId(),
                e.name(),
                e.type(),
                e.baseUrl(),
                e.maskedKeys(),
                e.models(),
                e.modelMapping(),
                e.groups(),
                e.priority(),
                e.weight(),
                e.maxConcurrency(),
                options(e.options()),
                "enabled",
                e.at(),
                e.at(),
                e.organizationId());
        if (e.privateChannel()) {
            privateChannels.add(e.channelId());
        }
        channels.put(e.channelId(), new Entry(view, secrets.load(e.channelId())));
        changed(e.channelId(), sequence);
    }

    /** Whether the channel is (or was, before its deletion) an organisation's private channel. */
    public boolean privateChannel(String channelId) {
        return privateChannels.contains(channelId);
    }

    @EventHandler
    void on(ChannelUpdatedEvent e, @SequenceNumber long sequence) {
        Entry old = channels.get(e.channelId());
        if (old != null) {
            ChannelView v = old.view();
            boolean keysChanged = e.maskedKeys() != null;
            ChannelView view = new ChannelView(
                    v.id(),
                    e.name(),
                    v.type(),
                    e.baseUrl(),
                    keysChanged ? e.maskedKeys() : v.keys(),
                    e.models(),
                    e.modelMapping(),
                    e.groups(),
                    e.priority(),
                    e.weight(),
                    e.maxConcurrency(),
                    options(e.options()),
                    v.status(),
                    v.createdAt(),
                    e.at(),
                    v.organizationId());
            channels.put(e.channelId(), new Entry(view, keysChanged ? secrets.load(e.channelId()) : old.keys()));
        }
        changed(e.channelId(), sequence);
    }

    @EventHandler
    void on(ChannelStatusChangedEvent e, @SequenceNumber long sequence) {
        status(e.channelId(), e.status(), e.at());
        changed(e.channelId(), sequence);
    }

    @EventHandler
    void on(ChannelAutoDisabledEvent e, @SequenceNumber long sequence) {
        status(e.channelId(), "auto_disabled", e.at());
        changed(e.channelId(), sequence);
    }

    @EventHandler
    void on(ChannelReEnabledEvent e, @SequenceNumber long sequence) {
        status(e.channelId(), "enabled", e.at());
        changed(e.channelId(), sequence);
    }

    private void status(String channelId, String status, Instant at) {
        channels.computeIfPresent(channelId, (id, old) -> new Entry(old.view().withStatus(status, at), old.keys()));
    }

    /** What the health probe needs to try an automatically disabled channel. */
    public record ProbeTarget(
            String channelId,
            String type,
            String baseUrl,
            String apiKey,
            String model,
            String upstreamModel,
            Map<String, String> options) {
        @Override
        public String toString() {
            return "ProbeTarget[channelId=" + channelId + ", type=" + type + ", model=" + model + "]";
        }
    }

    /** A probe target for any channel (whatever its status), with the given model or its first one. */
    public Optional<ProbeTarget> probeTarget(String channelId, String model) {
        Entry e = channels.get(channelId);
        if (e == null || e.keys().isEmpty()) {
            return Optional.empty();
        }
        ChannelView v = e.view();
        String m = model == null || model.isBlank() ? v.models().getFirst() : model;
        return Optional.of(new ProbeTarget(
                v.id(),
                v.type(),
                v.baseUrl(),
                e.keys().getFirst(),
                m,
                v.modelMapping().getOrDefault(m, m),
                v.options()));
    }

    /**
     * A target for the channel with the key whose SHA-256 fingerprint is {@code keyFingerprint} (the key that made a
     * stored response); its first key when none has it any more (the key was removed) or none was named.
     */
    public Optional<ProbeTarget> probeTarget(String channelId, String model, String keyFingerprint) {
        Optional<ProbeTarget> first = probeTarget(channelId, model);
        Entry e = channels.get(channelId);
        if (first.isEmpty() || keyFingerprint == null || e == null) {
            return first;
        }
        ProbeTarget t = first.get();
        return Optional.of(e.keys().stream()
                .filter(key -> Fingerprints.of(key).equals(keyFingerprint))
                .findFirst()
                .map(key -> new ProbeTarget(
                        t.channelId(), t.type(), t.baseUrl(), key, t.model(), t.upstreamModel(), t.options()))
                .orElse(t));
    }

    /** Every channel with a key, its first key and first model (for the balance refresh). */
    public List<ProbeTarget> balanceTargets() {
        return channels.values().stream()
                .filter(e -> !e.keys().isEmpty() && !e.view().models().isEmpty())
                .map(ChannelDirectory::firstKeyAndModel)
                .toList();
    }

    /** Channels Tollgate disabled itself, with their first key and model, for the health probe. */
    public List<ProbeTarget> autoDisabled() {
        return channels.values().stream()
                .filter(e ->
                        "auto_disabled".equals(e.view().status()) && !e.keys().isEmpty())
                .map(ChannelDirectory::firstKeyAndModel)
                .toList();
    }

    /** The channel's first key and first model (mapped upstream), the target of a balance or health probe. */
    private static ProbeTarget firstKeyAndModel(Entry e) {
        ChannelView v = e.view();
        String model = v.models().getFirst();
        return new ProbeTarget(
                v.id(),
                v.type(),
                v.baseUrl(),
                e.keys().getFirst(),
                model,
                v.modelMapping().getOrDefault(model, model),
                v.options());
    }

    @EventHandler
    void on(ChannelDeletedEvent e, @SequenceNumber long sequence) {
        channels.remove(e.channelId());
        changed(e.channelId(), sequence);
    }

    /** Events recorded before channels had options carry none. */
    private static Map<String, String> options(Map<String, String> options) {
        return options == null ? Map.of() : options;
    }

    private void changed(String channelId, long sequence) {
        rebuildIndex();
        freshness.applied(channelId, sequence);
    }

    private synchronized void rebuildIndex() {
        Map<String, Map<String, List<RoutableChannel>>> platform = new HashMap<>();
        Map<String, Map<String, List<RoutableChannel>>> own = new HashMap<>();
        for (Entry entry : channels.values()) {
            ChannelView v = entry.view();
            if (!"enabled".equals(v.status()) || entry.keys().isEmpty()) {
                continue;
            }
            RoutableChannel routable = new RoutableChannel(
                    v.id(),
                    v.type(),
                    v.baseUrl(),
                    entry.keys(),
                    v.modelMapping(),
                    v.priority(),
                    v.weight(),
                    v.maxConcurrency(),
                    v.options(),
                    inFlight.computeIfAbsent(v.id(), id -> new AtomicInteger()),
                    keyCursors.computeIfAbsent(v.id(), id -> new AtomicInteger()),
                    v.organizationId());
            if (v.privateChannel()) {
                // a private channel serves its organisation's keys whatever their group, and nobody else's
                Map<String, List<RoutableChannel>> byModel =
                        own.computeIfAbsent(v.organizationId(), o -> new HashMap<>());
                for (String model : v.models()) {
                    byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(routable);
                }
                continue;
            }
            for (String group : v.groups()) {
                Map<String, List<RoutableChannel>> byModel = platform.computeIfAbsent(group, g -> new HashMap<>());
                for (String model : v.models()) {
                    byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(routable);
                }
            }
        }
        Map<String, Map<String, List<RoutableChannel>>> frozenPlatform = new HashMap<>();
        platform.forEach((group, byModel) -> frozenPlatform.put(group, sorted(byModel)));
        Map<String, OrganizationRoutes> organizations = new HashMap<>();
        own.forEach((organization, byModel) -> {
            Map<String, List<RoutableChannel>> ownSorted = sorted(byModel);
            Map<String, Map<String, List<RoutableChannel>>> merged = new HashMap<>();
            frozenPlatform.forEach((group, platformByModel) -> {
                Map<String, List<RoutableChannel>> models = new HashMap<>();
                ownSorted.forEach((model, privates) -> {
                    List<RoutableChannel> shared = platformByModel.get(model);
                    if (shared != null) {
                        models.put(model, privateFirst(privates, shared));
                    }
                });
                if (!models.isEmpty()) {
                    merged.put(group, Map.copyOf(models));
                }
            });
            organizations.put(organization, new OrganizationRoutes(ownSorted, Map.copyOf(merged)));
        });
        index = new RoutingIndex(Map.copyOf(frozenPlatform), Map.copyOf(organizations));
    }

    private static Map<String, List<RoutableChannel>> sorted(Map<String, List<RoutableChannel>> byModel) {
        Map<String, List<RoutableChannel>> models = new HashMap<>();
        byModel.forEach((model, list) -> models.put(
                model,
                list.stream()
                        .sorted(Comparator.comparingInt(RoutableChannel::priority)
                                .reversed()
                                .thenComparing(RoutableChannel::id))
                        .toList()));
        return Map.copyOf(models);
    }

    /**
     * The private channels' tiers, then the platform channels' tiers, each channel re-numbered with its tier's rank
     * (highest first), so that the router never mixes a private tier with a platform tier of the same priority.
     */
    private static List<RoutableChannel> privateFirst(List<RoutableChannel> privates, List<RoutableChannel> shared) {
        List<RoutableChannel> all = new ArrayList<>(privates.size() + shared.size());
        all.addAll(privates);
        all.addAll(shared);
        int[] tierOf = new int[all.size()];
        int tiers = 0;
        for (int i = 0; i < all.size(); i++) {
            boolean sameTier = i > 0
                    && all.get(i).priority() == all.get(i - 1).priority()
                    && (all.get(i).organizationId() == null) == (all.get(i - 1).organizationId() == null);
            if (!sameTier) {
                tiers++;
            }
            tierOf[i] = tiers;
        }
        List<RoutableChannel> ranked = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            ranked.add(all.get(i).inTier(tiers - tierOf[i]));
        }
        return List.copyOf(ranked);
    }

    /** Enabled platform channels serving {@code model} to {@code group}, highest priority first. */
    public List<RoutableChannel> candidates(String group, String model) {
        return index.platform().getOrDefault(group, Map.of()).getOrDefault(model, List.of());
    }

    /**
     * The channels that may serve {@code model} to a key of {@code organizationId} in {@code group}: the
     * organisation's enabled private channels first (by priority, weighted inside a tier, as among platform
     * channels), then the group's platform channels. Never another organisation's private channels. In memory only.
     */
    public List<RoutableChannel> candidates(String organizationId, String group, String model) {
        RoutingIndex now = index;
        OrganizationRoutes routes =
                organizationId == null ? null : now.organizations().get(organizationId);
        if (routes != null) {
            List<RoutableChannel> merged =
                    routes.merged().getOrDefault(group, Map.of()).get(model);
            if (merged != null) {
                return merged;
            }
            List<RoutableChannel> own = routes.own().get(model);
            if (own != null) {
                return own;
            }
        }
        return now.platform().getOrDefault(group, Map.of()).getOrDefault(model, List.of());
    }

    /** Models served by at least one enabled platform channel to {@code group}, sorted. */
    public List<String> models(String group) {
        return List.copyOf(
                new TreeSet<>(index.platform().getOrDefault(group, Map.of()).keySet()));
    }

    /**
     * Models served to a key of {@code organizationId} in {@code group}: by the group's enabled platform channels and
     * the organisation's enabled private channels, sorted.
     */
    public List<String> models(String organizationId, String group) {
        RoutingIndex now = index;
        TreeSet<String> models =
                new TreeSet<>(now.platform().getOrDefault(group, Map.of()).keySet());
        OrganizationRoutes routes =
                organizationId == null ? null : now.organizations().get(organizationId);
        if (routes != null) {
            models.addAll(routes.own().keySet());
        }
        return List.copyOf(models);
    }

    public Optional<ChannelView> find(String channelId) {
        Entry e = channels.get(channelId);
        return e == null ? Optional.empty() : Optional.of(e.view());
    }

    public List<ChannelView> all() {
        return channels.values().stream()
                .map(Entry::view)
                .sorted(Comparator.comparing(ChannelView::createdAt).thenComparing(ChannelView::id))
                .toList();
    }
}
