package dev.tollgate.application.token.port.in;

import static dev.tollgate.application.common.Projections.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationPolicySetEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may hold, see, rotate and list which API key, and in which groups. */
class TokenAccessTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Caller OWNER = new Caller("owner", false);
    private static final Caller ADMIN = new Caller("ada", false);
    private static final Caller MEMBER = new Caller("max", false);
    private static final Caller STRANGER = new Caller("sam", false);
    private static final Caller PLATFORM_ADMIN = new Caller("root", true);

    private final OrganizationDirectory organizations = new OrganizationDirectory(new ViewFreshness());
    private final TokenDirectory tokens = new TokenDirectory(new ViewFreshness());
    private final TokenAccess access = new TokenAccess(tokens, organizations);

    TokenAccessTest() {
        apply(
                organizations,
                "o1",
                new OrganizationCreatedEvent("o1", "Acme", "owner", false, "user:owner", AT),
                new OrganizationMemberAddedEvent("o1", "ada", "ADMIN", "user:owner", AT),
                new OrganizationMemberAddedEvent("o1", "max", "MEMBER", "user:owner", AT),
                new OrganizationPolicySetEvent("o1", List.of("vip"), List.of(), null, null, "user:root", AT));
        apply(
                organizations,
                "o2",
                new OrganizationCreatedEvent("o2", "Dormant", "max", false, "user:max", AT),
                new OrganizationStatusChangedEvent("o2", false, "user:max", AT));
        apply(tokens, "t-max", issued("t-max", "max", "o1"));
        apply(
                tokens,
                "t-personal",
                issued("t-personal", "max", OrganizationId.personalOf("max").value()));
    }

    private static TokenIssuedEvent issued(String id, String owner, String organization) {
        return new TokenIssuedEvent(
                id,
                owner,
                "app",
                "ab".repeat(32),
                "sk-Ab12...wxyz",
                1_000,
                false,
                null,
                List.of(),
                "user:" + owner,
                AT,
                null,
                List.of(),
                null,
                null,
                organization);
    }

    @Test
    void givenAKeyOfASharedOrganization_whenItsHolderItsManagersOrAPlatformAdminRead_thenTheySeeIt() {
        // when / then
        for (Caller caller : new Caller[] {MEMBER, OWNER, ADMIN, PLATFORM_ADMIN}) {
            assertThat(access.visible("t-max", caller).id()).isEqualTo("t-max");
        }
    }

    @Test
    void givenAKey_whenAnotherMemberOrAStrangerReads_thenNotFound() {
        // when / then
        assertThatThrownBy(() -> access.visible("t-max", STRANGER))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("token t-max not found");
        assertThatThrownBy(() -> access.visible("t-personal", OWNER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenAMembersKey_whenAManagerRotatesIt_thenRefusedButTheHolderAndAPlatformAdminMay() {
        // when / then
        assertThatThrownBy(() -> access.rotatable("t-max", ADMIN))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.errorCode()).isEqualTo(AccessErrorCode.ADMIN_REQUIRED))
                .hasMessage("only the key's holder rotates it; disable or delete it instead");
        assertThat(access.rotatable("t-max", MEMBER).id()).isEqualTo("t-max");
        assertThat(access.rotatable("t-max", PLATFORM_ADMIN).id()).isEqualTo("t-max");
    }

    @Test
    void givenAMemberOrTheirPersonalOrganization_whenIssuingAKey_thenItsPolicyIsReturned() {
        // when / then
        assertThat(access.keyHolderPolicy("o1", MEMBER).groups()).containsExactly("vip");
        assertThat(access.keyHolderPolicy(OrganizationId.personalOf("newcomer").value(), new Caller("newcomer", false)))
                .isEqualTo(OrganizationPolicy.NONE);
    }

    @Test
    void givenNoOrganizationAStrangerAPlatformAdminOrADisabledOne_whenIssuingAKey_thenEachIsRefused() {
        // when / then
        assertThatThrownBy(() -> access.keyHolderPolicy(" ", MEMBER)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> access.keyHolderPolicy("o1", STRANGER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.keyHolderPolicy("o1", PLATFORM_ADMIN))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(OrganizationErrorCode.NOT_ALLOWED));
        assertThatThrownBy(() -> access.keyHolderPolicy("o2", MEMBER))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(OrganizationErrorCode.ORGANIZATION_DISABLED));
    }

    @Test
    void givenAnOrganizationsKeys_whenListing_thenManagersSeeAllMembersTheirOwnAndStrangersNothing() {
        // when / then
        assertThat(access.listableHolder("o1", ADMIN)).isEmpty();
        assertThat(access.listableHolder("o1", PLATFORM_ADMIN)).isEmpty();
        assertThat(access.listableHolder("o1", MEMBER)).contains("max");
        assertThat(access.listableHolder(OrganizationId.personalOf("newcomer").value(), new Caller("newcomer", false)))
                .isEqualTo(Optional.of("newcomer"));
        assertThatThrownBy(() -> access.listableHolder("o1", STRANGER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenGroups_whenSettingAKeysGroup_thenOnlyTheDefaultOrAGrantedOneIsAllowed() {
        // given
        OrganizationPolicy granted = organizations.policyOf("o1");

        // when / then
        TokenAccess.requireGroupRight(null, granted, MEMBER, false);
        TokenAccess.requireGroupRight("default", granted, MEMBER, false);
        TokenAccess.requireGroupRight("vip", granted, MEMBER, false);
        TokenAccess.requireGroupRight("svip", OrganizationPolicy.NONE, PLATFORM_ADMIN, true);
        assertThatThrownBy(() -> TokenAccess.requireGroupRight("svip", granted, PLATFORM_ADMIN, false))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.errorCode()).isEqualTo(AccessErrorCode.ADMIN_REQUIRED))
                .hasMessageContaining("'svip' is not granted");
    }
}
