package dev.tollgate.application.channel.query;

import dev.tollgate.application.channel.port.out.ChannelSecretPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * In-memory view of channels and the routing index (group → model → enabled channels, highest priority first),
 * kept current by channel events. The index is rebuilt on every change (changes are rare; reads are per request)
 * and published as one immutable map.
 */
public class ChannelDirectory {
    private record Entry(ChannelView view, List<String> keys) {
    }

    private final Map<String, Entry> channels = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> keyCursors = new ConcurrentHashMap<>();
    private final ChannelSecretPort secrets;
    private final ViewFreshness freshness;
    private volatile Map<String, Map<String, List<RoutableChannel>>> index = Map.of();

    public ChannelDirectory(ChannelSecretPort secrets, ViewFreshness freshness) {
        this.secrets = secrets;
        this.freshness = freshness;
    }

    @EventHandler
    void on(ChannelCreatedEvent e, @SequenceNumber long sequence) {
        ChannelView view = new ChannelView(e.channelId(), e.name(), e.type(), e.baseUrl(), e.maskedKeys(),
                e.models(), e.modelMapping(), e.groups(), e.priority(), e.weight(), e.maxConcurrency(),
                options(e.options()), "enabled", e.at(), e.at());
        channels.put(e.channelId(), new Entry(view, secrets.load(e.channelId())));
        changed(e.channelId(), sequence);
    }

    @EventHandler
    void on(ChannelUpdatedEvent e, @SequenceNumber long sequence) {
        Entry old = channels.get(e.channelId());
        if (old != null) {
            ChannelView v = old.view();
            boolean keysChanged = e.maskedKeys() != null;
            ChannelView view = new ChannelView(v.id(), e.name(), v.type(), e.baseUrl(),
                    keysChanged ? e.maskedKeys() : v.keys(), e.models(), e.modelMapping(), e.groups(), e.priority(),
                    e.weight(), e.maxConcurrency(), options(e.options()), v.status(), v.createdAt(), e.at());
            channels.put(e.channelId(), new Entry(view, keysChanged ? secrets.load(e.channelId()) : old.keys()));
        }
        changed(e.channelId(), sequence);
    }

    @EventHandler
    void on(ChannelStatusChangedEvent e, @SequenceNumber long sequence) {
        channels.computeIfPresent(e.channelId(), (id, old) -> {
            ChannelView v = old.view();
            return new Entry(new ChannelView(v.id(), v.name(), v.type(), v.baseUrl(), v.keys(), v.models(),
                    v.modelMapping(), v.groups(), v.priority(), v.weight(), v.maxConcurrency(), v.options(),
                    e.status(), v.createdAt(), e.at()), old.keys());
        });
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

    private void status(String channelId, String status, java.time.Instant at) {
        channels.computeIfPresent(channelId, (id, old) -> {
            ChannelView v = old.view();
            return new Entry(new ChannelView(v.id(), v.name(), v.type(), v.baseUrl(), v.keys(), v.models(),
                    v.modelMapping(), v.groups(), v.priority(), v.weight(), v.maxConcurrency(), v.options(), status,
                    v.createdAt(), at), old.keys());
        });
    }

    /** What the health probe needs to try an automatically disabled channel. */
    public record ProbeTarget(String channelId, String type, String baseUrl, String apiKey, String model,
            String upstreamModel, Map<String, String> options) {
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
        return Optional.of(new ProbeTarget(v.id(), v.type(), v.baseUrl(), e.keys().getFirst(), m,
                v.modelMapping().getOrDefault(m, m), v.options()));
    }

    /** Every channel with a key, its first key and first model (for the balance refresh). */
    public List<ProbeTarget> balanceTargets() {
        return channels.values().stream()
                .filter(e -> !e.keys().isEmpty() && !e.view().models().isEmpty())
                .map(e -> {
                    ChannelView v = e.view();
                    String model = v.models().getFirst();
                    return new ProbeTarget(v.id(), v.type(), v.baseUrl(), e.keys().getFirst(), model,
                            v.modelMapping().getOrDefault(model, model), v.options());
                })
                .toList();
    }

    /** Channels Tollgate disabled itself, with their first key and model, for the health probe. */
    public List<ProbeTarget> autoDisabled() {
        return channels.values().stream()
                .filter(e -> "auto_disabled".equals(e.view().status()) && !e.keys().isEmpty())
                .map(e -> {
                    ChannelView v = e.view();
                    String model = v.models().getFirst();
                    return new ProbeTarget(v.id(), v.type(), v.baseUrl(), e.keys().getFirst(), model,
                            v.modelMapping().getOrDefault(model, model), v.options());
                })
                .toList();
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
        Map<String, Map<String, List<RoutableChannel>>> next = new HashMap<>();
        for (Entry entry : channels.values()) {
            ChannelView v = entry.view();
            if (!"enabled".equals(v.status()) || entry.keys().isEmpty()) {
                continue;
            }
            RoutableChannel routable = new RoutableChannel(v.id(), v.type(), v.baseUrl(), entry.keys(),
                    v.modelMapping(), v.priority(), v.weight(), v.maxConcurrency(), v.options(),
                    inFlight.computeIfAbsent(v.id(), id -> new AtomicInteger()),
                    keyCursors.computeIfAbsent(v.id(), id -> new AtomicInteger()));
            for (String group : v.groups()) {
                Map<String, List<RoutableChannel>> byModel = next.computeIfAbsent(group, g -> new HashMap<>());
                for (String model : v.models()) {
                    byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(routable);
                }
            }
        }
        Map<String, Map<String, List<RoutableChannel>>> frozen = new HashMap<>();
        next.forEach((group, byModel) -> {
            Map<String, List<RoutableChannel>> models = new HashMap<>();
            byModel.forEach((model, list) -> models.put(model, list.stream()
                    .sorted(Comparator.comparingInt(RoutableChannel::priority).reversed()
                            .thenComparing(RoutableChannel::id))
                    .toList()));
            frozen.put(group, Map.copyOf(models));
        });
        index = Map.copyOf(frozen);
    }

    /** Enabled channels serving {@code model} to {@code group}, highest priority first. */
    public List<RoutableChannel> candidates(String group, String model) {
        return index.getOrDefault(group, Map.of()).getOrDefault(model, List.of());
    }

    /** Models served by at least one enabled channel to {@code group}, sorted. */
    public List<String> models(String group) {
        return List.copyOf(new TreeSet<>(index.getOrDefault(group, Map.of()).keySet()));
    }

    public Optional<ChannelView> find(String channelId) {
        Entry e = channels.get(channelId);
        return e == null ? Optional.empty() : Optional.of(e.view());
    }

    public List<ChannelView> all() {
        return channels.values().stream().map(Entry::view)
                .sorted(Comparator.comparing(ChannelView::createdAt).thenComparing(ChannelView::id)).toList();
    }
}
