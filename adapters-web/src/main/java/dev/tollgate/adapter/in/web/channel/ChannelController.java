package dev.tollgate.adapter.in.web.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.channel.port.in.ChannelBalance;
import dev.tollgate.application.channel.port.in.ChannelBalanceUseCase;
import dev.tollgate.application.channel.port.in.ChannelChanges;
import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelQueryUseCase;
import dev.tollgate.application.channel.port.in.ChannelTestReports;
import dev.tollgate.application.channel.port.in.ChannelTestResult;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ListChannelsUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.channel.port.in.TestAllChannelsUseCase;
import dev.tollgate.application.channel.port.in.TestChannelUseCase;
import dev.tollgate.application.channel.port.in.UpstreamModels;
import dev.tollgate.application.channel.port.in.UpstreamModelsUseCase;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channels (upstream provider accounts): platform channels for platform admins; an organisation's private channels
 * (created under {@code /api/v1/organizations/{id}/channels}) are also read, changed, tested and deleted here by the
 * organisation's OWNER and ADMINs (anyone else: 404). Upstream keys go in and never come out. A body field the caller
 * may not set ({@code organizationId}, {@code id}, {@code status} on create, …) is refused with 400, never ignored.
 */
@RestController
@RequestMapping("/api/v1/channels")
public class ChannelController {
    /** The fields a channel is created with. */
    static final String[] CREATE_FIELDS = {
        "name",
        "type",
        "baseUrl",
        "keys",
        "models",
        "modelMapping",
        "groups",
        "priority",
        "weight",
        "maxConcurrency",
        "options"
    };
    /** The fields a channel is changed with. */
    static final String[] UPDATE_FIELDS = {
        "name",
        "baseUrl",
        "keys",
        "models",
        "modelMapping",
        "groups",
        "priority",
        "weight",
        "maxConcurrency",
        "options",
        "status"
    };

    private final CreateChannelUseCase create;
    private final ManageChannelUseCase manage;
    private final ChannelQueryUseCase query;
    private final ListChannelsUseCase lists;
    private final TestChannelUseCase tester;
    private final ChannelBalanceUseCase balances;
    private final TestAllChannelsUseCase testAll;
    private final UpstreamModelsUseCase upstreamModels;

    public ChannelController(
            CreateChannelUseCase create,
            ManageChannelUseCase manage,
            ChannelQueryUseCase query,
            ListChannelsUseCase lists,
            TestChannelUseCase tester,
            ChannelBalanceUseCase balances,
            TestAllChannelsUseCase testAll,
            UpstreamModelsUseCase upstreamModels) {
        this.balances = balances;
        this.testAll = testAll;
        this.upstreamModels = upstreamModels;
        this.create = create;
        this.manage = manage;
        this.query = query;
        this.lists = lists;
        this.tester = tester;
    }

    @PlatformAdminOnly
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ChannelView> create(@RequestBody JsonNode json, Authentication auth) {
        ChannelView view = create.create(createRequest(json), CurrentCaller.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + view.id()))
                .body(view);
    }

    /** Reads a create body; any field but {@link #CREATE_FIELDS} is refused (400). */
    static CreateChannelRequest createRequest(JsonNode json) {
        PatchBody body = new PatchBody(json).requireOnly(CREATE_FIELDS);
        Integer priority = body.integer("priority");
        Integer weight = body.integer("weight");
        if (body.text("type") == null) {
            throw new InvalidValueException("type", "type is required, e.g. \"openai\"");
        }
        return new CreateChannelRequest(
                body.text("name"),
                body.text("type"),
                body.text("baseUrl"),
                body.strings("keys"),
                body.strings("models"),
                body.stringMap("modelMapping"),
                body.strings("groups"),
                priority == null ? 0 : priority,
                weight == null ? 1 : weight,
                body.integer("maxConcurrency"),
                body.stringMap("options"));
    }

    /**
     * Every channel (platform and private) matching the filters, oldest first: {@code q} in the name, the base URL or
     * a model; {@code type}; {@code status}; {@code group}; {@code model} (a model the channel serves, exact name).
     */
    @PlatformAdminOnly
    @GetMapping
    Page<ChannelView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String model,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return lists.list(CurrentCaller.of(auth), q, type, status, group, model, page, size);
    }

    @GetMapping("/{id}")
    ChannelView get(@PathVariable String id, Authentication auth) {
        return query.get(id, CurrentCaller.of(auth));
    }

    @ConfigFileManaged(value = ManagedKind.CHANNEL, resource = "{id}")
    @PatchMapping("/{id}")
    ChannelView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly(UPDATE_FIELDS);
        ChannelChanges changes = new ChannelChanges(
                body.text("name"),
                body.text("baseUrl"),
                body.strings("keys"),
                body.strings("models"),
                body.stringMap("modelMapping"),
                body.strings("groups"),
                body.integer("priority"),
                body.integer("weight"),
                body.integer("maxConcurrency"),
                body.isExplicitNull("maxConcurrency"),
                body.stringMap("options"),
                body.text("status"));
        return manage.update(id, changes, CurrentCaller.of(auth));
    }

    /**
     * Sends one small chat request through the channel, whatever its status, and reports the upstream's status,
     * the latency and the reply or error. Optional body: {@code {"model": "...", "endpoint": "embeddings"}}
     * (default: its first model, chat completions).
     */
    @PostMapping("/{id}/test")
    ChannelTestResult test(@PathVariable String id, @RequestBody(required = false) JsonNode json, Authentication auth) {
        PatchBody body = json == null || json.isNull() ? null : new PatchBody(json);
        return tester.test(
                id,
                body == null ? null : body.text("model"),
                body == null ? null : body.text("endpoint"),
                CurrentCaller.of(auth));
    }

    /**
     * Tests every platform channel matching the list's filters ({@code q}, {@code type}, {@code status},
     * {@code group}, {@code model}) at once: a few at a time, each as {@code POST /{id}/test} without a body would; at most
     * {@value TestAllChannelsUseCase#MAX_CHANNELS} channels per call, the rest counted in {@code remaining}.
     */
    @PlatformAdminOnly
    @PostMapping("/tests")
    ChannelTestReports testAll(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String model,
            Authentication auth) {
        return testAll.testAll(
                new ChannelFilter(new TextSearch(q), type, status, group, model), CurrentCaller.of(auth));
    }

    /**
     * The models the channel's upstream account serves, asked from the provider now with the channel's first key
     * (the OpenAI family's and Anthropic's {@code /v1/models}, Gemini's {@code /v1beta/models}), to fill its model
     * list; {@code supported: false} for types without such a list, {@code error} when it could not be read.
     */
    @GetMapping("/{id}/upstream-models")
    UpstreamModels upstreamModels(@PathVariable String id, Authentication auth) {
        return upstreamModels.upstreamModels(id, CurrentCaller.of(auth));
    }

    /**
     * The credit left on the channel's upstream account, asked from the provider now (OpenAI-style billing endpoints,
     * DeepSeek, SiliconFlow, OpenRouter); {@code supported: false} for providers that publish none.
     */
    @PlatformAdminOnly
    @GetMapping("/{id}/balance")
    ChannelBalance balance(@PathVariable String id, Authentication auth) {
        return balances.balance(id, CurrentCaller.of(auth));
    }

    @ConfigFileManaged(value = ManagedKind.CHANNEL, resource = "{id}")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        manage.delete(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }
}
