package dev.tollgate.application.notification.service;

import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Subject;
import dev.tollgate.application.notification.service.NotificationRecipients.Recipient;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.domain.common.DomainException;
import java.util.List;
import java.util.Optional;

/**
 * A watched subject's balance now (a user's or an organisation's wallet, a key's remaining quota), what it is called,
 * which organisation's webhooks hear of it, and who is mailed. Read from the in-memory accounts, never per request.
 */
public class WatchedBalances {
    /** A balance to compare with its threshold, and where its notification goes. */
    record Watched(long balance, String name, String organizationId, List<Recipient> recipients) {}

    private static final Caller WATCH = new Caller("system", true, "balance watch");

    private final WalletUseCase wallets;
    private final TokenDirectory tokens;
    private final MeteringUseCase metering;
    private final OrganizationDirectory organizations;
    private final NotificationRecipients recipients;

    public WatchedBalances(
            WalletUseCase wallets,
            TokenDirectory tokens,
            MeteringUseCase metering,
            OrganizationDirectory organizations,
            NotificationRecipients recipients) {
        this.wallets = wallets;
        this.tokens = tokens;
        this.metering = metering;
        this.organizations = organizations;
        this.recipients = recipients;
    }

    /** The subject's balance and recipients; empty when it is gone or unlimited. */
    Optional<Watched> of(Subject subject, String id) {
        try {
            return switch (subject) {
                case USER ->
                    Optional.of(new Watched(
                            wallets.wallet(id, WATCH).balance(), id, personalOrganization(id), recipients.user(id)));
                case ORGANIZATION ->
                    organizations
                            .find(id)
                            .map(o -> new Watched(
                                    wallets.organizationWallet(id, WATCH).balance(),
                                    o.name(),
                                    id,
                                    recipients.managersOf(id)));
                case KEY -> tokens.findById(id).filter(t -> !t.unlimitedQuota()).map(this::key);
            };
        } catch (DomainException gone) {
            return Optional.empty(); // the user or organisation no longer exists
        }
    }

    private Watched key(TokenRecord t) {
        long remaining = Math.subtractExact(t.quota(), metering.spent(t.id()));
        return new Watched(remaining, t.name(), t.organizationId(), recipients.user(t.ownerId()));
    }

    private String personalOrganization(String userId) {
        return organizations.ofMember(userId).stream()
                .filter(OrganizationDirectory.OrganizationRecord::personal)
                .map(OrganizationDirectory.OrganizationRecord::id)
                .findFirst()
                .orElse(null);
    }
}
