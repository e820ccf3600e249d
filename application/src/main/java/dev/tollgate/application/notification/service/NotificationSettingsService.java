package dev.tollgate.application.notification.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.notification.port.in.NotificationSettingsUseCase;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Subject;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.token.port.in.TokenAccess;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.notification.NotificationErrorCode;
import java.util.Set;

/**
 * Balance thresholds and mail languages. A user's settings are theirs (and platform admins'); an organisation's are
 * its owners' and admins'; a key's are whoever may see the key. Access is checked before the values.
 */
public class NotificationSettingsService implements NotificationSettingsUseCase {
    /** The largest threshold: a billion dollars in quota units. */
    static final long MAX_THRESHOLD = 500_000_000_000_000L;

    static final Set<String> LANGUAGES = Set.of("zh", "en");

    private final NotificationSettingsPort settings;
    private final UserDirectory users;
    private final OrganizationAccess organizations;
    private final TokenAccess tokens;

    public NotificationSettingsService(
            NotificationSettingsPort settings,
            UserDirectory users,
            OrganizationAccess organizations,
            TokenAccess tokens) {
        this.settings = settings;
        this.users = users;
        this.organizations = organizations;
        this.tokens = tokens;
    }

    @Override
    public NotificationSettings ofUser(String userId, Caller caller) {
        requireUser(userId, caller);
        return view(Subject.USER, userId);
    }

    @Override
    public NotificationSettings setForUser(String userId, Long balanceThreshold, String language, Caller caller) {
        requireUser(userId, caller);
        if (language != null && !LANGUAGES.contains(language)) {
            throw new DomainException(
                    NotificationErrorCode.INVALID_LANGUAGE, "language must be \"zh\" or \"en\" (or null)");
        }
        return save(Subject.USER, userId, balanceThreshold, language);
    }

    @Override
    public NotificationSettings ofOrganization(String organizationId, Caller caller) {
        organizations.managed(organizationId, caller);
        return view(Subject.ORGANIZATION, organizationId);
    }

    @Override
    public NotificationSettings setForOrganization(String organizationId, Long balanceThreshold, Caller caller) {
        organizations.managed(organizationId, caller);
        return save(Subject.ORGANIZATION, organizationId, balanceThreshold, null);
    }

    @Override
    public NotificationSettings ofKey(String tokenId, Caller caller) {
        tokens.visible(tokenId, caller);
        return view(Subject.KEY, tokenId);
    }

    @Override
    public NotificationSettings setForKey(String tokenId, Long balanceThreshold, Caller caller) {
        tokens.visible(tokenId, caller);
        return save(Subject.KEY, tokenId, balanceThreshold, null);
    }

    /** Stores valid settings (the caller's right to the subject already checked) and answers them. */
    private NotificationSettings save(Subject subject, String id, Long threshold, String language) {
        if (threshold != null && (threshold < 1 || threshold > MAX_THRESHOLD)) {
            throw new DomainException(
                    NotificationErrorCode.INVALID_THRESHOLD,
                    "balanceThreshold must be between 1 and " + MAX_THRESHOLD + " quota units, or null (off)");
        }
        settings.save(subject, id, threshold, language);
        return view(subject, id);
    }

    private NotificationSettings view(Subject subject, String id) {
        return settings.find(subject, id)
                .map(s -> new NotificationSettings(s.threshold(), s.language(), s.notified()))
                .orElse(new NotificationSettings(null, null, false));
    }

    private void requireUser(String userId, Caller caller) {
        if (users.findById(userId).isEmpty() || !(caller.admin() || userId.equals(caller.userId()))) {
            throw new NotFoundException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
        }
    }
}
