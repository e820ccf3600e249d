package dev.tollgate.application.migration.service;

import dev.tollgate.application.channel.port.in.ChannelChanges;
import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiChannel;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One-api channels as Tollgate channels: the type through {@link OneApiChannelTypes}, the keys one a line, models,
 * model mapping, groups, priority, weight (one-api ignores it: 0 becomes 1, an even share), status (manually or
 * automatically disabled: disabled) and the options that have a meaning here (Azure's API version, Bedrock's region,
 * Vertex's location and project).
 */
class OneApiChannelImport {
    static final String KIND = "channel";

    private final CreateChannelUseCase create;
    private final ManageChannelUseCase manage;

    OneApiChannelImport(CreateChannelUseCase create, ManageChannelUseCase manage) {
        this.create = create;
        this.manage = manage;
    }

    void run(List<OneApiChannel> channels, KindRun run, Caller caller) {
        run.start(channels.size());
        for (OneApiChannel c : channels) {
            String id = String.valueOf(c.id());
            if (run.alreadyDone(id)) {
                continue;
            }
            String name = name(c);
            CreateChannelRequest request;
            try {
                request = plan(c, name);
            } catch (InvalidValueException e) {
                run.skip(id, name, e.getMessage());
                continue;
            }
            if (run.dryRun()) {
                run.created(id, KindRun.PLANNED);
                continue;
            }
            String channelId = null;
            try {
                channelId = create.create(request, caller).id();
                if (c.status() != 1) {
                    manage.update(
                            channelId,
                            new ChannelChanges(
                                    null, null, null, null, null, null, null, null, null, false, null, "disabled"),
                            caller);
                }
                run.created(id, channelId);
            } catch (RuntimeException e) {
                if (channelId != null) {
                    // a disabled channel must not be left enabled: nothing of the row stays
                    manage.delete(channelId, caller);
                }
                run.fail(id, name, KindRun.reason(e));
            }
        }
    }

    private static String name(OneApiChannel c) {
        String n = c.name() == null || c.name().isBlank()
                ? "one-api channel " + c.id()
                : c.name().trim();
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    /** The channel to create, or why it does not come across. */
    static CreateChannelRequest plan(OneApiChannel c, String name) {
        if (c.problem() != null) {
            throw new InvalidValueException("channel", c.problem());
        }
        OneApiChannelTypes.Target target = OneApiChannelTypes.target(c.type())
                .orElseThrow(() -> new InvalidValueException("type", OneApiChannelTypes.unmappedReason(c.type())));
        if (c.keys().isEmpty()) {
            throw new InvalidValueException("keys", "the channel has no key");
        }
        if (c.models().isEmpty()) {
            throw new InvalidValueException("models", "the channel serves no model");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> keys = c.keys();
        String baseUrl = baseUrl(c, target);
        switch (target.type()) {
            case "azure" -> {
                String version = Optional.ofNullable(c.config().get("api_version"))
                        .filter(v -> !v.isBlank())
                        .orElse(c.other());
                if (version != null && !version.isBlank()) {
                    options.put("apiVersion", version.trim());
                }
            }
            case "aws-bedrock" -> {
                String ak = c.config().get("ak");
                String sk = c.config().get("sk");
                String region = c.config().get("region");
                if (ak == null || ak.isBlank() || sk == null || sk.isBlank()) {
                    String[] parts = keys.getFirst().split("\\|");
                    if (parts.length != 3) {
                        throw new InvalidValueException("key", "an AWS channel's key must be ak|sk|region");
                    }
                    ak = parts[0];
                    sk = parts[1];
                    region = parts[2];
                }
                if (region == null || region.isBlank()) {
                    throw new InvalidValueException("config", "an AWS channel needs its region");
                }
                keys = List.of(ak.trim() + ":" + sk.trim());
                options.put("region", region.trim());
            }
            case "vertex" -> {
                String adc = c.config().get("vertex_ai_adc");
                if (adc != null && !adc.isBlank()) {
                    keys = List.of(adc);
                }
                String region = c.config().get("region");
                if (region == null || region.isBlank()) {
                    throw new InvalidValueException("config", "a Vertex AI channel needs its region");
                }
                options.put("location", region.trim());
                String project = c.config().get("vertex_ai_project_id");
                if (project != null && !project.isBlank()) {
                    options.put("project", project.trim());
                }
            }
            default -> {}
        }
        int priority = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, c.priority()));
        int weight = c.weight() <= 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, c.weight());
        return new CreateChannelRequest(
                name,
                target.type(),
                baseUrl,
                keys,
                c.models(),
                c.modelMapping(),
                c.groups(),
                priority,
                weight,
                null,
                options);
    }

    /**
     * The channel's own base URL; none, or one-api's default for its type, means Tollgate's default (or, for one-api's
     * proxies and Cloudflare, their address).
     */
    private static String baseUrl(OneApiChannel c, OneApiChannelTypes.Target target) {
        String given = c.baseUrl() == null ? "" : c.baseUrl().trim();
        if (c.type() == 37) {
            String account = c.config().get("user_id");
            if (account == null || account.isBlank()) {
                throw new InvalidValueException("config", "a Cloudflare channel needs its account id (user_id)");
            }
            String root = given.isEmpty() ? target.oneApiBaseUrl() : trimSlash(given);
            return root + "/client/v4/accounts/" + account.trim() + "/ai/v1";
        }
        if (given.isEmpty()
                || (target.oneApiBaseUrl() != null && trimSlash(given).equals(trimSlash(target.oneApiBaseUrl())))) {
            if (target.fallbackBaseUrl() == null
                    && ("openai-compatible".equals(target.type()) || "azure".equals(target.type()))) {
                throw new InvalidValueException("baseUrl", "the channel has no base URL");
            }
            return target.fallbackBaseUrl();
        }
        return given;
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
