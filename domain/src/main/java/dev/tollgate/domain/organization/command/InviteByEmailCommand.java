package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an invitation whose code is e-mailed; carries the code's hash, never the code. */
public record InviteByEmailCommand(
        @TargetAggregateIdentifier OrganizationId id,
        String codeHash,
        String maskedEmail,
        MemberRole role,
        Instant expiresAt,
        String actor,
        Instant at) {
    public InviteByEmailCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("codeHash", codeHash, 64);
        if (!codeHash.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("codeHash", "codeHash must be a hex SHA-256 digest");
        }
        Checks.requireText("maskedEmail", maskedEmail, 320);
        Checks.requireNonNull("role", role);
        Checks.requireNonNull("expiresAt", expiresAt);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }

    /** The public id of an invitation: the start of its code's hash. */
    public static String invitationIdOf(String codeHash) {
        return codeHash.substring(0, 16);
    }
}
