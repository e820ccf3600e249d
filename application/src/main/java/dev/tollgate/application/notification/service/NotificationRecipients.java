package dev.tollgate.application.notification.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Setting;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Subject;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.domain.account.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is told: a user, an organisation's owners and admins (a personal organisation's user), the platform's admins.
 * Only active users with a verified e-mail address get mail, in the language they chose (else the default).
 */
public class NotificationRecipients {
    /** A user to mail, at a verified address, in a language. */
    public record Recipient(String userId, String email, String language) {}

    private final UserDirectory users;
    private final OrganizationDirectory organizations;
    private final NotificationSettingsPort settings;
    private final String defaultLanguage;

    public NotificationRecipients(
            UserDirectory users,
            OrganizationDirectory organizations,
            NotificationSettingsPort settings,
            String defaultLanguage) {
        this.users = users;
        this.organizations = organizations;
        this.settings = settings;
        this.defaultLanguage = defaultLanguage;
    }

    List<Recipient> user(String userId) {
        return mailable(List.of(userId));
    }

    /** The organisation's owners and admins. */
    List<Recipient> managersOf(String organizationId) {
        return mailable(managerIds(organizationId));
    }

    /** The platform's root and admins, and (for an organisation's channel) its owners and admins. */
    List<Recipient> adminsFor(String organizationId) {
        Set<String> ids = new LinkedHashSet<>();
        users.all().stream()
                .filter(u -> u.role() == Role.ROOT || u.role() == Role.ADMIN)
                .map(UserView::userId)
                .forEach(ids::add);
        if (organizationId != null) {
            ids.addAll(managerIds(organizationId));
        }
        return mailable(ids);
    }

    private List<String> managerIds(String organizationId) {
        return organizations
                .find(organizationId)
                .map(o -> o.members().keySet().stream()
                        .filter(id -> OrganizationAccess.manages(o, id))
                        .toList())
                .orElse(List.of());
    }

    private List<Recipient> mailable(Iterable<String> userIds) {
        List<Recipient> out = new ArrayList<>();
        for (String id : userIds) {
            if (!users.active(id)) {
                continue;
            }
            users.emailOf(id)
                    .filter(UserDirectory.UserEmail::verified)
                    .ifPresent(e -> out.add(new Recipient(
                            id,
                            e.email(),
                            settings.find(Subject.USER, id)
                                    .map(Setting::language)
                                    .filter(Objects::nonNull)
                                    .orElse(defaultLanguage))));
        }
        return out;
    }
}
