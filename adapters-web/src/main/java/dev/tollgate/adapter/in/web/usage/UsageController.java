package dev.tollgate.adapter.in.web.usage;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.billing.port.in.UsageQueryUseCase;
import dev.tollgate.application.billing.port.in.UsageQueryUseCase.UsagePage;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage records: one per relayed request, newest first, with totals over the whole filtered set; and summaries
 * grouped by day (UTC), model, key, member or organisation. Filters: organizationId, memberId (or userId: the key's
 * holder), tokenId, model, from, to. Platform admins see everyone's; an organisation's owner and admins its records;
 * everyone their personal organisation's and those of the keys they hold; an organisation the caller does not belong
 * to is not found.
 */
@RestController
public class UsageController {
    private final UsageQueryUseCase usage;

    public UsageController(UsageQueryUseCase usage) {
        this.usage = usage;
    }

    @GetMapping(path = "/api/v1/usage", params = "!after")
    Map<String, Object> list(
            @ParameterObject UsageParams filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        UsagePage result = usage.usage(filter.toFilter(), new PageRequest(page, size), CurrentCaller.of(auth));
        return Map.of(
                "items",
                result.records().items(),
                "page",
                result.records().page(),
                "size",
                result.records().size(),
                "total",
                result.records().total(),
                "totals",
                result.totals());
    }

    /** The same records by keyset ({@code after}: empty for the first page, then each answer's {@code next}). */
    @GetMapping(path = "/api/v1/usage", params = "after")
    CursorPage<UsageRecordView> scroll(
            @ParameterObject UsageParams filter,
            @RequestParam String after,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        return usage.scroll(filter.toFilter(), new CursorRequest(Cursor.decode(after), size), CurrentCaller.of(auth));
    }

    @GetMapping("/api/v1/usage/summary")
    Map<String, List<UsageTotals>> summary(
            @RequestParam(defaultValue = "day") String groupBy,
            @ParameterObject UsageParams filter,
            Authentication auth) {
        UsageGrouping grouping = switch (groupBy.toLowerCase(Locale.ROOT)) {
            case "day" -> UsageGrouping.DAY;
            case "model" -> UsageGrouping.MODEL;
            case "token", "key" -> UsageGrouping.TOKEN;
            case "member", "user" -> UsageGrouping.MEMBER;
            case "organization", "organisation" -> UsageGrouping.ORGANIZATION;
            default ->
                throw new InvalidValueException("groupBy", "groupBy must be day, model, token, member or organization");
        };
        return Map.of("items", usage.summary(filter.toFilter(), grouping, CurrentCaller.of(auth)));
    }
}
