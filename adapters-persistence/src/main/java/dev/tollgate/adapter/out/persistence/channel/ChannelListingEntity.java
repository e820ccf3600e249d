package dev.tollgate.adapter.out.persistence.channel;

import dev.tollgate.application.channel.port.in.ChannelView;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code channel_listing} (changeset 061): a channel as the admin API lists it, with its masked keys only
 * (the clear keys never leave {@code channel_secret}).
 */
@Entity
@Table(name = "channel_listing")
class ChannelListingEntity {
    @Id
    @Column(name = "channel_id")
    private String channelId;

    private String name;
    private String type;

    @Column(name = "base_url")
    private String baseUrl;

    @Column(name = "masked_keys")
    private String[] maskedKeys;

    private String[] models;

    @Column(name = "model_mapping")
    @Convert(converter = StringMapJson.class)
    private Map<String, String> modelMapping;

    @Column(name = "channel_groups")
    private String[] groups;

    private int priority;
    private int weight;

    @Column(name = "max_concurrency")
    private Integer maxConcurrency;

    @Convert(converter = StringMapJson.class)
    private Map<String, String> options;

    private String status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "organization_id")
    private String organizationId;

    protected ChannelListingEntity() {}

    /** A new channel, enabled, as created at {@code at}. */
    ChannelListingEntity(String channelId, String type, String organizationId, Instant at) {
        this.channelId = channelId;
        this.type = type;
        this.organizationId = organizationId;
        this.status = ChannelListProjection.ENABLED;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /** The channel's settings as of {@code at}; its masked keys too unless {@code maskedKeys} is null (unchanged). */
    void settings(
            String name,
            String baseUrl,
            List<String> maskedKeys,
            List<String> models,
            Map<String, String> modelMapping,
            List<String> groups,
            int priority,
            int weight,
            Integer maxConcurrency,
            Map<String, String> options,
            Instant at) {
        this.name = name;
        this.baseUrl = baseUrl;
        if (maskedKeys != null || this.maskedKeys == null) {
            this.maskedKeys = array(maskedKeys);
        }
        this.models = array(models);
        this.modelMapping = modelMapping == null ? Map.of() : modelMapping;
        this.groups = array(groups);
        this.priority = priority;
        this.weight = weight;
        this.maxConcurrency = maxConcurrency;
        this.options = options == null ? Map.of() : options;
        this.updatedAt = at;
    }

    void status(String status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    ChannelView view() {
        return new ChannelView(
                channelId,
                name,
                type,
                baseUrl,
                List.of(maskedKeys),
                List.of(models),
                modelMapping,
                List.of(groups),
                priority,
                weight,
                maxConcurrency,
                options,
                status,
                createdAt,
                updatedAt,
                organizationId);
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
