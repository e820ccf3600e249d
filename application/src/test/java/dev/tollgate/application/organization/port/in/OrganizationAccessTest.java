package dev.tollgate.application.organization.port.in;

import static dev.tollgate.application.common.Projections.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberInvitedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who may see, manage and own an organisation, and read what concerns one member. */
class OrganizationAccessTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Caller OWNER = new Caller("owner", false);
    private static final Caller ADMIN = new Caller("ada", false);
    private static final Caller MEMBER = new Caller("max", false);
    private static final Caller STRANGER = new Caller("sam", false);
    private static final Caller PLATFORM_ADMIN = new Caller("root", true);

    private final OrganizationDirectory organizations = new OrganizationDirectory(new ViewFreshness());
    private final OrganizationAccess access = new OrganizationAccess(organizations);

    OrganizationAccessTest() {
        apply(
                organizations,
                "o1",
                new OrganizationCreatedEvent("o1", "Acme", "owner", false, "user:owner", AT),
                new OrganizationMemberAddedEvent("o1", "ada", "ADMIN", "user:owner", AT),
                new OrganizationMemberAddedEvent("o1", "max", "MEMBER", "user:owner", AT),
                new OrganizationMemberInvitedEvent("o1", "ivy", "ADMIN", "user:owner", AT));
    }

    @Test
    void givenMembersAndAPlatformAdmin_whenReading_thenTheySeeTheOrganization() {
        // when / then
        for (Caller caller : new Caller[] {OWNER, ADMIN, MEMBER, PLATFORM_ADMIN}) {
            assertThat(access.visible("o1", caller).id()).isEqualTo("o1");
        }
    }

    @Test
    void givenAStranger_whenReading_thenNotFoundAsForAnOrganizationThatDoesNotExist() {
        // when / then
        assertThatThrownBy(() -> access.visible("o1", STRANGER))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no organisation o1");
        assertThatThrownBy(() -> access.visible("nope", PLATFORM_ADMIN))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no organisation nope");
    }

    @Test
    void givenTheOwnerAnAdminAndAPlatformAdmin_whenManaging_thenAllowed() {
        // when / then
        for (Caller caller : new Caller[] {OWNER, ADMIN, PLATFORM_ADMIN}) {
            assertThat(access.managed("o1", caller).id()).isEqualTo("o1");
            assertThat(access.manages("o1", caller)).isTrue();
        }
    }

    @Test
    void givenAMember_whenManaging_thenRefusedWithTheGivenReason() {
        // when / then
        assertThatThrownBy(() -> access.managed("o1", MEMBER, "only managers rename"))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(OrganizationErrorCode.NOT_ALLOWED))
                .hasMessage("only managers rename");
        assertThat(access.manages("o1", MEMBER)).isFalse();
    }

    @Test
    void givenAStranger_whenManaging_thenNotFoundRatherThanRefused() {
        // when / then
        assertThatThrownBy(() -> access.managed("o1", STRANGER)).isInstanceOf(NotFoundException.class);
        assertThat(access.manages("o1", STRANGER)).isFalse();
        assertThat(access.manages("nope", STRANGER)).isFalse();
    }

    @Test
    void givenAnAdminMember_whenDoingWhatTakesTheOwner_thenRefused() {
        // given
        OrganizationRecord org = access.visible("o1", ADMIN);

        // when / then
        assertThatThrownBy(() -> OrganizationAccess.requireOwner(org, ADMIN, "only the owner transfers"))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(OrganizationErrorCode.NOT_ALLOWED))
                .hasMessage("only the owner transfers");
        OrganizationAccess.requireOwner(org, OWNER, "only the owner transfers");
        OrganizationAccess.requireOwner(org, PLATFORM_ADMIN, "only the owner transfers");
    }

    @Test
    void givenAMember_whenReadingWhatConcernsThemOrAnother_thenOnlyTheirOwnIsReadable() {
        // when / then
        assertThat(access.memberReadable("o1", "max", MEMBER).id()).isEqualTo("o1");
        assertThatThrownBy(() -> access.memberReadable("o1", "ada", MEMBER))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(OrganizationErrorCode.NOT_ALLOWED));
        assertThat(access.memberReadable("o1", "max", ADMIN).id()).isEqualTo("o1");
        assertThatThrownBy(() -> access.memberReadable("o1", "sam", STRANGER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenAnInvitation_whenTheInviteeOrSomeoneElseAsks_thenOnlyTheInviteeSeesIt() {
        // when / then
        assertThat(access.invitation("o1", new Caller("ivy", false))).isEqualTo(MemberRole.ADMIN);
        assertThatThrownBy(() -> access.invitation("o1", STRANGER))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no invitation to organisation o1");
    }
}
