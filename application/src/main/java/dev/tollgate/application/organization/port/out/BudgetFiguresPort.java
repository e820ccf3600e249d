package dev.tollgate.application.organization.port.out;

import java.time.YearMonth;

/** What a member spent and holds this month against their budget in an organisation (billing's ledger keeps it). */
public interface BudgetFiguresPort {
    BudgetFigures budgetFigures(String organizationId, String userId);

    /** The member's budget account this month: its limit (null for none), units used and reserved. */
    record BudgetFigures(Long limit, long used, long reserved, YearMonth month) {}
}
