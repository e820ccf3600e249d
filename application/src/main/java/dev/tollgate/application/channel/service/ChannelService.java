package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelChanges;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelQueryUseCase;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.channel.port.in.PrivateChannelUseCase;
import dev.tollgate.application.channel.port.out.ChannelAddressGuardPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.ChannelSettings;
import dev.tollgate.domain.channel.ChannelStatus;
import dev.tollgate.domain.channel.ChannelType;
import dev.tollgate.domain.channel.command.ChangeChannelStatusCommand;
import dev.tollgate.domain.channel.command.CreateChannelCommand;
import dev.tollgate.domain.channel.command.DeleteChannelCommand;
import dev.tollgate.domain.channel.command.UpdateChannelCommand;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Channel administration: platform channels (platform admins) and organisations' private channels (bring your own
 * key: the organisation's OWNER and ADMINs, and platform admins; see {@link ChannelAccess}). Upstream keys are stored
 * encrypted before the event that announces them.
 *
 * <p>A private channel has no groups (it serves every key of its organisation whatever the key's group, and nobody
 * else's): a {@code groups} field is refused for it. Its base URL is supplied by the organisation, so it must not
 * point into the gateway's network ({@link ChannelAddressGuardPort}), whoever sets it; the relay checks it again on
 * every call. The {@code vertex} type is not offered for private channels: its service-account key names a token
 * endpoint the gateway would call, outside that check.
 */
public class ChannelService
        implements CreateChannelUseCase, ManageChannelUseCase, ChannelQueryUseCase, PrivateChannelUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    static final String ADMINS_ONLY = "only platform admins may manage channels";

    private final CommandGateway commands;
    private final ChannelDirectory channels;
    private final ChannelSecretPort secrets;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final ChannelAccess access;
    private final ChannelAddressGuardPort addresses;

    public ChannelService(
            CommandGateway commands,
            ChannelDirectory channels,
            ChannelSecretPort secrets,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            ChannelAccess access,
            ChannelAddressGuardPort addresses) {
        this.access = access;
        this.addresses = addresses;
        this.commands = commands;
        this.channels = channels;
        this.secrets = secrets;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public ChannelView create(CreateChannelRequest r, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return create(r, null, caller);
    }

    @Override
    public ChannelView create(String organizationId, CreateChannelRequest r, Caller caller) {
        access.managedOrganization(organizationId, caller);
        if (r.groups() != null && !r.groups().isEmpty()) {
            throw noGroups();
        }
        if (ChannelType.fromCode(r.type()) == ChannelType.VERTEX) {
            throw new InvalidValueException(
                    "type",
                    "a private channel cannot be of type 'vertex' (its "
                            + "service-account key names a token endpoint the gateway would call); ask a platform admin");
        }
        return create(r, new OrganizationId(organizationId), caller);
    }

    private ChannelView create(CreateChannelRequest r, OrganizationId organization, Caller caller) {
        ChannelType type = ChannelType.fromCode(r.type());
        ChannelSettings settings = new ChannelSettings(
                r.name(),
                type,
                type.baseUrlOrDefault(r.baseUrl()),
                r.models(),
                r.modelMapping(),
                r.groups(),
                r.priority(),
                r.weight(),
                r.maxConcurrency(),
                r.options());
        if (organization != null) {
            requirePublic(settings.baseUrl());
        } else {
            requireNotMetadata(settings.baseUrl());
        }
        List<String> keys = validKeys(r.keys());
        ChannelId id = new ChannelId(ids.newId());
        secrets.store(id.value(), keys);
        commands.sendAndWait(
                new CreateChannelCommand(id, settings, mask(keys), caller.actor(), clock.now(), organization));
        freshness.await(id.value(), 0, VIEW_WAIT);
        return get(id.value(), caller);
    }

    @Override
    public ChannelView update(String channelId, ChannelChanges c, Caller caller) {
        ChannelView current = get(channelId, caller);
        if (current.privateChannel()) {
            if (c.groups() != null) {
                throw noGroups();
            }
            if (c.baseUrl() != null) {
                requirePublic(c.baseUrl());
            }
        } else if (c.baseUrl() != null) {
            requireNotMetadata(c.baseUrl());
        }
        long version = -1;
        boolean settingsChanged = c.name() != null
                || c.baseUrl() != null
                || c.keys() != null
                || c.models() != null
                || c.modelMapping() != null
                || c.groups() != null
                || c.priority() != null
                || c.weight() != null
                || c.maxConcurrency() != null
                || c.clearMaxConcurrency()
                || c.options() != null;
        ChannelStatus status = c.status() == null ? null : ChannelStatus.fromAdminCode(c.status());
        if (settingsChanged) {
            ChannelSettings settings = new ChannelSettings(
                    c.name() != null ? c.name() : current.name(),
                    ChannelType.fromCode(current.type()),
                    c.baseUrl() != null ? c.baseUrl() : current.baseUrl(),
                    c.models() != null ? c.models() : current.models(),
                    c.modelMapping() != null ? c.modelMapping() : current.modelMapping(),
                    c.groups() != null ? c.groups() : current.groups(),
                    c.priority() != null ? c.priority() : current.priority(),
                    c.weight() != null ? c.weight() : current.weight(),
                    c.clearMaxConcurrency()
                            ? null
                            : c.maxConcurrency() != null ? c.maxConcurrency() : current.maxConcurrency(),
                    c.options() != null ? c.options() : current.options());
            List<String> masked = null;
            if (c.keys() != null) {
                List<String> keys = validKeys(c.keys());
                secrets.store(channelId, keys);
                masked = mask(keys);
            }
            version = commands.sendAndWait(
                    new UpdateChannelCommand(new ChannelId(channelId), settings, masked, caller.actor(), clock.now()));
        }
        if (status != null) {
            version = commands.sendAndWait(new ChangeChannelStatusCommand(
                    new ChannelId(channelId), status, "changed by an administrator", caller.actor(), clock.now()));
        }
        if (version >= 0) {
            freshness.await(channelId, version, VIEW_WAIT);
        }
        return get(channelId, caller);
    }

    @Override
    public void delete(String channelId, Caller caller) {
        get(channelId, caller);
        long version =
                commands.sendAndWait(new DeleteChannelCommand(new ChannelId(channelId), caller.actor(), clock.now()));
        freshness.await(channelId, version, VIEW_WAIT);
    }

    /** Platform admins: any channel; an organisation's OWNER and ADMINs: its private channels; others: 404. */
    @Override
    public ChannelView get(String channelId, Caller caller) {
        return access.manageable(channelId, caller);
    }

    private void requirePublic(String baseUrl) {
        addresses.refusal(baseUrl).ifPresent(reason -> {
            throw new InvalidValueException("baseUrl", reason);
        });
    }

    private void requireNotMetadata(String baseUrl) {
        addresses.platformRefusal(baseUrl).ifPresent(reason -> {
            throw new InvalidValueException("baseUrl", reason);
        });
    }

    private static InvalidValueException noGroups() {
        return new InvalidValueException(
                "groups",
                "a private channel has no groups: it serves every key of its "
                        + "organisation, whatever the key's group, and no one else's");
    }

    private static List<String> validKeys(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new InvalidValueException("keys", "a channel needs at least one upstream key");
        }
        for (String k : keys) {
            if (k == null || k.isBlank() || k.length() > 4096) {
                throw new InvalidValueException("keys", "upstream keys must be non-empty and at most 4096 characters");
            }
        }
        return List.copyOf(keys);
    }

    static List<String> mask(List<String> keys) {
        return keys.stream().map(ChannelService::maskKey).toList();
    }

    static String maskKey(String key) {
        if (key.length() <= 8) {
            return "****";
        }
        return key.substring(0, 3) + "****" + key.substring(key.length() - 4);
    }
}
