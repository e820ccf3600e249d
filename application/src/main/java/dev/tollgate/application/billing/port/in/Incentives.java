package dev.tollgate.application.billing.port.in;

/** Units credited at self-registration ({@code signupBonus}) and at the daily check-in; 0 switches one off. */
public record Incentives(long signupBonus, long checkInBonus) {
}
