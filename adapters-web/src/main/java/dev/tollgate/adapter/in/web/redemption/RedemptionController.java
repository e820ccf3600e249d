package dev.tollgate.adapter.in.web.redemption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.CreatedRedemptionBatch;
import dev.tollgate.application.billing.port.in.ListRedemptionBatchesUseCase;
import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.billing.port.in.RedemptionCodeStatus;
import dev.tollgate.application.billing.port.in.RedemptionUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.common.Page;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Redemption codes (兑换码): admins create batches and see each code's state; anyone signed in redeems a code into
 * their own wallet ({@code POST /api/v1/redemptions {"code"}}).
 */
@RestController
public class RedemptionController {
    /** The header that carries the number of batches over all pages (the list's body stays a plain array). */
    static final String TOTAL_COUNT = "X-Total-Count";
    /** The page size when none is asked: the largest, as the console shows one page. */
    static final String DEFAULT_SIZE = "500";

    private final RedemptionUseCase redemptions;
    private final ListRedemptionBatchesUseCase lists;

    public RedemptionController(RedemptionUseCase redemptions, ListRedemptionBatchesUseCase lists) {
        this.redemptions = redemptions;
        this.lists = lists;
    }

    /** Body {@code {"name", "count" (1–1000), "value" (units per code), "expiresAt"?}}; the codes come back once. */
    @PlatformAdminOnly
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/redemption-batches")
    ResponseEntity<CreatedRedemptionBatch> create(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "count", "value", "expiresAt");
        Integer count = body.integer("count");
        Long value = body.longValue("value");
        if (count == null || value == null) {
            throw new InvalidValueException(count == null ? "count" : "value", "count and value are required");
        }
        CreatedRedemptionBatch created = redemptions.createBatch(
                body.text("name"), count, value, body.instant("expiresAt"), CurrentCaller.of(auth));
        return ResponseEntity.created(URI.create(
                        "/api/v1/redemption-batches/" + created.batch().id()))
                .body(created);
    }

    /**
     * The batches, newest first, a page at a time: {@code q} (part of the name), {@code status} ({@code active},
     * {@code used_up}, {@code expired}, {@code disabled}: as of the time of the call). The body is the page's batches
     * (a JSON array, as before paging); the total over all pages is in {@value #TOTAL_COUNT}.
     */
    @PlatformAdminOnly
    @GetMapping("/api/v1/redemption-batches")
    ResponseEntity<List<RedemptionBatchView>> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size,
            Authentication auth) {
        Page<RedemptionBatchView> batches = lists.list(CurrentCaller.of(auth), q, status, page, size);
        return ResponseEntity.ok()
                .header(TOTAL_COUNT, Long.toString(batches.total()))
                .body(batches.items());
    }

    /** Body {@code {"status": "disabled"}}: the batch's remaining codes can no longer be redeemed. */
    @PlatformAdminOnly
    @PatchMapping("/api/v1/redemption-batches/{id}")
    RedemptionBatchView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("status");
        if (!"disabled".equals(body.text("status"))) {
            throw new InvalidValueException("status", "a batch can only be set to 'disabled'");
        }
        return redemptions.disableBatch(id, CurrentCaller.of(auth));
    }

    /** Deletes the batch: its remaining codes stop working and it leaves the list; redemptions made stay. */
    @PlatformAdminOnly
    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/redemption-batches/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        redemptions.deleteBatch(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /**
     * The batch's codes as CSV (export): each code's state by the start of its hash — the codes themselves are only in
     * the creation answer —, whether and by whom and when it was redeemed.
     */
    @PlatformAdminOnly
    @GetMapping(value = "/api/v1/redemption-batches/{id}/codes.csv", produces = "text/csv")
    ResponseEntity<String> export(@PathVariable String id, Authentication auth) {
        StringBuilder csv = new StringBuilder("hash_prefix,redeemed,redeemed_by,redeemed_at\r\n");
        for (RedemptionCodeStatus c : redemptions.codes(id, CurrentCaller.of(auth))) {
            csv.append(c.hashPrefix())
                    .append(',')
                    .append(c.redeemed())
                    .append(',')
                    .append(c.redeemedBy() == null ? "" : c.redeemedBy())
                    .append(',')
                    .append(c.redeemedAt() == null ? "" : c.redeemedAt().toString())
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"redemption-batch-" + id + ".csv\"")
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(csv.toString());
    }

    /** Each code's state (by the start of its hash: the codes themselves are not kept). */
    @PlatformAdminOnly
    @GetMapping("/api/v1/redemption-batches/{id}/codes")
    List<RedemptionCodeStatus> codes(@PathVariable String id, Authentication auth) {
        return redemptions.codes(id, CurrentCaller.of(auth));
    }

    /**
     * {@code {"code", "organizationId"?}}: credits the caller's personal organisation, or an organisation they own
     * or administer.
     */
    @PostMapping("/api/v1/redemptions")
    WalletView redeem(@RequestBody JsonNode json, Authentication auth, HttpServletRequest request) {
        PatchBody body = new PatchBody(json).requireOnly("code", "organizationId");
        return redemptions.redeem(
                body.text("code"), body.text("organizationId"), CurrentCaller.of(auth), request.getRemoteAddr());
    }
}
