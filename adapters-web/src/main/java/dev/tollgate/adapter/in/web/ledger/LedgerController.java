package dev.tollgate.adapter.in.web.ledger;

import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.billing.port.in.LedgerUseCase;
import dev.tollgate.application.billing.port.in.LedgerUseCase.LedgerQuery;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.PageRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The ledger (账本): {@code GET /api/v1/ledger} (filters organizationId, memberId, tokenId, kind — one or several
 * separated by commas —, from, to, and the older ownerId; paged, with totals), {@code GET /api/v1/ledger.csv} (the
 * same filter, streamed row by row, oldest first), {@code GET /api/v1/users/{id}/balance?at=} (a user's wallet) and
 * {@code GET /api/v1/organizations/{id}/balance?at=} (an organisation's wallet): the balance at an instant, from the
 * entries.
 */
@RestController
public class LedgerController {
    private final LedgerUseCase ledger;

    public LedgerController(LedgerUseCase ledger) {
        this.ledger = ledger;
    }

    @GetMapping(path = "/api/v1/ledger", params = "!after")
    LedgerUseCase.LedgerPage find(
            @ParameterObject LedgerParams filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        return ledger.find(filter.toQuery(), new PageRequest(page, size), CurrentCaller.of(auth));
    }

    /** The same entries by keyset ({@code after}: empty for the first page, then each answer's {@code next}). */
    @GetMapping(path = "/api/v1/ledger", params = "after")
    CursorPage<LedgerEntryView> scroll(
            @ParameterObject LedgerParams filter,
            @RequestParam String after,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        return ledger.scroll(filter.toQuery(), new CursorRequest(Cursor.decode(after), size), CurrentCaller.of(auth));
    }

    @GetMapping("/api/v1/ledger.csv")
    ResponseEntity<StreamingResponseBody> csv(@ParameterObject LedgerParams filter, Authentication auth) {
        LedgerQuery query = filter.toQuery();
        Caller caller = CurrentCaller.of(auth);
        // checked before the answer starts, so that a refused filter is a problem, not a broken CSV
        ledger.check(query, caller);
        StreamingResponseBody body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("at,organization_id,member_id,owner_id,token_id,kind,amount,held,reference,reason,actor\n");
            try {
                ledger.export(query, caller, e -> line(w, e));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"ledger.csv\"")
                .body(body);
    }

    @GetMapping("/api/v1/users/{id}/balance")
    Map<String, Object> balanceAt(
            @PathVariable String id, @RequestParam(required = false) String at, Authentication auth) {
        return balance("ownerId", id, at, instant -> ledger.balanceAt(id, instant, CurrentCaller.of(auth)));
    }

    /** An organisation's wallet balance at an instant ({@code at} omitted: now). */
    @GetMapping("/api/v1/organizations/{id}/balance")
    Map<String, Object> organizationBalanceAt(
            @PathVariable String id, @RequestParam(required = false) String at, Authentication auth) {
        return balance(
                "organizationId", id, at, instant -> ledger.organizationBalanceAt(id, instant, CurrentCaller.of(auth)));
    }

    /** {@code {<idField>: id, "at", "balance"}}: the balance at {@code at} (omitted: now). */
    private static Map<String, Object> balance(
            String idField, String id, String at, Function<Instant, Long> balanceAt) {
        Instant instant = at == null ? Instant.now() : instant("at", at);
        return Map.of(idField, id, "at", instant.toString(), "balance", balanceAt.apply(instant));
    }

    private static void line(BufferedWriter w, LedgerEntryView e) {
        try {
            w.write(String.join(
                    ",",
                    e.at().toString(),
                    csv(e.organizationId()),
                    csv(e.memberId()),
                    csv(e.ownerId()),
                    csv(e.tokenId()),
                    csv(e.kind()),
                    Long.toString(e.amount()),
                    Long.toString(e.held()),
                    csv(e.reference()),
                    csv(e.reason()),
                    csv(e.actor())));
            w.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * RFC 4180 quoting; a leading =, +, -, @, TAB or CR is prefixed with ' so spreadsheets do not run it as a formula
     * (OWASP's CSV injection list).
     */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
