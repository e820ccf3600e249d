package dev.tollgate.application.billing.port.in;

/**
 * A user's invitation: their invite code (to give to people who sign up), how many signed up with it and how many of
 * those have rewarded them so far.
 */
public record InviteView(String code, long invitees, long rewardedInvitees) {}
