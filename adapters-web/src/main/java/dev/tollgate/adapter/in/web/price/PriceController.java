package dev.tollgate.adapter.in.web.price;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.ListPricesUseCase;
import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.domain.billing.BillingErrorCode;
import dev.tollgate.domain.billing.CachePriceDefaults;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model prices in quota units per one million tokens. Model names may hold '/', ':' and '.'
 * ({@code deepseek-ai/DeepSeek-V3}, {@code qwen2.5:7b}), so the whole rest of the path is the model.
 */
@RestController
public class PriceController {
    private static final String PREFIX = "/api/v1/prices/";
    /** The page size of the list when none is asked: the largest, as the console shows one page. */
    static final String DEFAULT_SIZE = "500";

    private final SetPriceUseCase set;
    private final PriceQueryUseCase query;
    private final OneApiRatiosUseCase ratios;
    private final ObjectMapper json;
    private final GroupMultiplierUseCase groupMultipliers;
    private final ListPricesUseCase lists;

    public PriceController(
            SetPriceUseCase set,
            PriceQueryUseCase query,
            OneApiRatiosUseCase ratios,
            ObjectMapper json,
            GroupMultiplierUseCase groupMultipliers,
            ListPricesUseCase lists) {
        this.groupMultipliers = groupMultipliers;
        this.lists = lists;
        this.set = set;
        this.query = query;
        this.ratios = ratios;
        this.json = json;
    }

    /** The prices by model name, a page at a time ({@code items}, {@code total}): {@code q} (part of the model name). */
    @GetMapping("/api/v1/prices")
    Page<PriceView> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return lists.list(q, page, size);
    }

    /**
     * Imports one-api's ratio tables: {@code {"ModelRatio":{...},"CompletionRatio":{...}}}, and new-api's
     * {@code CacheRatio}, {@code CreateCacheRatio}, {@code AudioRatio} and {@code AudioCompletionRatio}. Each table may also be
     * given as one-api stores it in its options, a string holding the JSON object. GroupRatio sets the groups'
     * multipliers. Every table is checked before anything changes.
     */
    @PlatformAdminOnly
    @ConfigFileManaged(
            value = {ManagedKind.PRICE, ManagedKind.GROUP_MULTIPLIER},
            anyOfKind = true)
    @PostMapping("/api/v1/prices/import/one-api")
    Map<String, Object> importOneApi(@RequestBody JsonNode body, Authentication auth) {
        if (body == null
                || !body.isObject()
                || !(body.path("ModelRatio").isObject()
                        || body.path("ModelRatio").isTextual())) {
            throw new InvalidValueException("ModelRatio", "the body must hold a ModelRatio object");
        }
        Map<String, Long> groups = groupMultipliers.check(decimals(body.path("GroupRatio"), "GroupRatio"));
        if (!groups.isEmpty() && !CurrentCaller.of(auth).admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        OneApiRatiosUseCase.ImportResult result = ratios.importRatios(
                decimals(body.path("ModelRatio"), "ModelRatio"),
                decimals(body.path("CompletionRatio"), "CompletionRatio"),
                new OneApiRatiosUseCase.ExtraRatios(
                        decimals(body.path("CacheRatio"), "CacheRatio"),
                        decimals(body.path("CreateCacheRatio"), "CreateCacheRatio"),
                        decimals(body.path("AudioRatio"), "AudioRatio"),
                        decimals(body.path("AudioCompletionRatio"), "AudioCompletionRatio")),
                CurrentCaller.of(auth));
        groupMultipliers.setAll(groups, CurrentCaller.of(auth));
        return Map.of("imported", result.imported(), "models", result.models(), "groups", groups.keySet());
    }

    /** Every routing group's price multiplier that was set ({@code {"vip": 1.5}}); other groups pay list price. */
    @GetMapping("/api/v1/group-multipliers")
    Map<String, BigDecimal> groupMultipliers() {
        return groupMultipliers.multipliers();
    }

    /** Body {@code {"multiplier": 1.5}} (0 to 100, at most three decimals); platform admins only. */
    @PlatformAdminOnly
    @ConfigFileManaged(value = ManagedKind.GROUP_MULTIPLIER, resource = "{group}")
    @PutMapping("/api/v1/group-multipliers/{group}")
    Map<String, Object> setGroupMultiplier(
            @PathVariable String group, @RequestBody JsonNode json, Authentication auth) {
        new PatchBody(json).requireOnly("multiplier");
        JsonNode m = json.path("multiplier");
        if (!m.isNumber()) {
            throw new InvalidValueException("multiplier", "multiplier must be a number, e.g. 1.5");
        }
        return Map.of(
                "group",
                group,
                "multiplier",
                groupMultipliers.setMultiplier(group, m.decimalValue(), CurrentCaller.of(auth)));
    }

    @GetMapping("/api/v1/prices/export/one-api")
    Map<String, Object> exportOneApi() {
        OneApiRatiosUseCase.ExportedRatios exported = ratios.exportRatios();
        return Map.of(
                "ModelRatio",
                exported.modelRatio(),
                "CompletionRatio",
                exported.completionRatio(),
                "CacheRatio",
                exported.extra().cacheRatio(),
                "CreateCacheRatio",
                exported.extra().createCacheRatio(),
                "AudioRatio",
                exported.extra().audioRatio(),
                "AudioCompletionRatio",
                exported.extra().audioCompletionRatio(),
                "notExpressible",
                exported.notExpressible());
    }

    private Map<String, BigDecimal> decimals(JsonNode node, String field) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            try {
                node = json.readTree(node.textValue());
            } catch (JsonProcessingException e) {
                throw new InvalidValueException(field, field + " is a string that does not hold a JSON object");
            }
        }
        if (!node.isObject()) {
            throw new InvalidValueException(field, field + " must be an object of numbers");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().isNumber()) {
                throw new InvalidValueException(field, field + "." + e.getKey() + " must be a number");
            }
            out.put(e.getKey(), e.getValue().decimalValue());
        }
        return out;
    }

    @PlatformAdminOnly
    @ConfigFileManaged(value = ManagedKind.PRICE, resource = PREFIX + "**")
    @PutMapping("/api/v1/prices/**")
    PriceView put(HttpServletRequest request, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json);
        Long input = body.longValue("input");
        Long output = body.longValue("output");
        if (input == null || output == null) {
            throw new InvalidValueException(
                    input == null ? "input" : "output", "input and output prices (units per 1M tokens) are required");
        }
        Long perImage = body.longValue("perImage");
        Long perAudioSecond = body.longValue("perAudioSecond");
        Long perRequest = body.longValue("perRequest");
        Long cachedInput = body.longValue("cachedInput");
        Long cacheWrite = body.longValue("cacheWrite");
        Long audioInput = body.longValue("audioInput");
        Long audioOutput = body.longValue("audioOutput");
        String model = model(request);
        return set.setPrice(
                model,
                new Price(
                        input,
                        output,
                        perImage == null ? 0 : perImage,
                        perAudioSecond == null ? 0 : perAudioSecond,
                        perRequest == null ? 0 : perRequest,
                        cachedInput == null ? CachePriceDefaults.cacheRead(model, input) : cachedInput,
                        cacheWrite == null ? CachePriceDefaults.cacheWrite(model, input) : cacheWrite,
                        audioInput == null ? 0 : audioInput,
                        audioOutput == null ? 0 : audioOutput),
                CurrentCaller.of(auth));
    }

    @GetMapping("/api/v1/prices/**")
    PriceView get(HttpServletRequest request) {
        String model = model(request);
        return query.price(model)
                .orElseThrow(() ->
                        new DomainException(BillingErrorCode.PRICE_NOT_FOUND, "no price is set for model " + model));
    }

    private static String model(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String model = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
        if (model.isBlank()) {
            throw new InvalidValueException("model", "the model name is missing from the path");
        }
        return model;
    }
}
