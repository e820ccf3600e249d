package dev.tollgate.domain.account.event;

/** Every fact recorded about a user. */
public sealed interface UserEvent
        permits UserRegisteredEvent,
                UserRoleChangedEvent,
                UserStatusChangedEvent,
                UserPasswordChangedEvent,
                UserDeletedEvent,
                UserEmailSetEvent,
                ExternalIdentityLinkedEvent,
                ExternalIdentityUnlinkedEvent,
                UserSessionEndedEvent,
                UserSessionsEndedEvent {
    String userId();
}
