package dev.tollgate.application.account.port.out;

/** The sign-up bonus an admin set (billing's incentive settings), read when a user registers by themselves. */
public interface SignUpBonusPort {
    /** Units credited to a new self-registered user's wallet; 0 for none. */
    long signupBonus();
}
