package dev.tollgate.adapter.in.web.usage;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.billing.port.in.UsageQueryUseCase;
import dev.tollgate.application.billing.port.in.UsageQueryUseCase.UsagePage;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage records: one per relayed request, newest first, with totals over the whole filtered set; and summaries
 * grouped by day (UTC), model or key. Members see their own; platform admins see everyone's.
 */
@RestController
public class UsageController {
    private final UsageQueryUseCase usage;

    public UsageController(UsageQueryUseCase usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/usage")
    Map<String, Object> list(@RequestParam(required = false) String tokenId,
            @RequestParam(required = false) String model, @RequestParam(required = false) String userId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        UsagePage result = usage.usage(filter(userId, tokenId, model, from, to), new PageRequest(page, size),
                CurrentCaller.of(auth));
        return Map.of("items", result.records().items(), "page", result.records().page(), "size",
                result.records().size(), "total", result.records().total(), "totals", result.totals());
    }

    @GetMapping("/api/v1/usage/summary")
    Map<String, List<UsageTotals>> summary(@RequestParam(defaultValue = "day") String groupBy,
            @RequestParam(required = false) String tokenId, @RequestParam(required = false) String model,
            @RequestParam(required = false) String userId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Authentication auth) {
        UsageGrouping grouping = switch (groupBy.toLowerCase(Locale.ROOT)) {
            case "day" -> UsageGrouping.DAY;
            case "model" -> UsageGrouping.MODEL;
            case "token", "key" -> UsageGrouping.TOKEN;
            default -> throw new InvalidValueException("groupBy", "groupBy must be day, model or token");
        };
        return Map.of("items", usage.summary(filter(userId, tokenId, model, from, to), grouping,
                CurrentCaller.of(auth)));
    }

    private static UsageFilter filter(String userId, String tokenId, String model, String from, String to) {
        return new UsageFilter(userId, tokenId, model, instant("from", from), instant("to", to));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, field + " must be an ISO-8601 instant like 2026-01-31T00:00:00Z");
        }
    }
}
