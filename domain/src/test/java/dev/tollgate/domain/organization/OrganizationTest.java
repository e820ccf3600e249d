package dev.tollgate.domain.organization;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;

import dev.tollgate.domain.organization.command.AcceptEmailInvitationCommand;
import dev.tollgate.domain.organization.command.AcceptOrganizationInvitationCommand;
import dev.tollgate.domain.organization.command.AddOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationMemberRoleCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationStatusCommand;
import dev.tollgate.domain.organization.command.CreateOrganizationCommand;
import dev.tollgate.domain.organization.command.InviteByEmailCommand;
import dev.tollgate.domain.organization.command.InviteOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.RemoveOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.RenameOrganizationCommand;
import dev.tollgate.domain.organization.command.SetMemberBudgetCommand;
import dev.tollgate.domain.organization.command.SetMemberRateLimitCommand;
import dev.tollgate.domain.organization.command.SetOrganizationKeyDefaultsCommand;
import dev.tollgate.domain.organization.command.SetOrganizationPolicyCommand;
import dev.tollgate.domain.organization.command.TransferOrganizationOwnershipCommand;
import dev.tollgate.domain.organization.command.WithdrawEmailInvitationCommand;
import dev.tollgate.domain.organization.command.WithdrawOrganizationInvitationCommand;
import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.organization.event.MemberRateLimitSetEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationSentEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationKeyDefaultsSetEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberInvitedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRoleChangedEvent;
import dev.tollgate.domain.organization.event.OrganizationOwnershipTransferredEvent;
import dev.tollgate.domain.organization.event.OrganizationPolicySetEvent;
import dev.tollgate.domain.organization.event.OrganizationRenamedEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import dev.tollgate.domain.token.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome of every organisation command: always one owner; a personal organisation stays its user's own. */
class OrganizationTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = AT.plus(Duration.ofDays(8));
    private static final OrganizationId ID = new OrganizationId("o1");
    private static final String ADMIN = "user:owner";
    private static final String CODE_HASH = "ab".repeat(32);
    private static final String INVITATION_ID = InviteByEmailCommand.invitationIdOf(CODE_HASH);
    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    private static OrganizationCreatedEvent created() {
        return new OrganizationCreatedEvent("o1", "Acme", "owner", false, ADMIN, AT);
    }

    private static OrganizationCreatedEvent createdPersonal() {
        return new OrganizationCreatedEvent("o1", "owner", "owner", true, "system", AT);
    }

    private static OrganizationMemberAddedEvent added(String userId, MemberRole role) {
        return new OrganizationMemberAddedEvent("o1", userId, role.name(), ADMIN, AT);
    }

    private static OrganizationMemberInvitedEvent invited(String userId, MemberRole role) {
        return new OrganizationMemberInvitedEvent("o1", userId, role.name(), ADMIN, AT);
    }

    private static OrganizationEmailInvitationSentEvent emailInvitationSent(String codeHash) {
        return new OrganizationEmailInvitationSentEvent(
                "o1",
                InviteByEmailCommand.invitationIdOf(codeHash),
                codeHash,
                "b***@example.com",
                "MEMBER",
                AT.plus(Duration.ofDays(7)),
                ADMIN,
                AT);
    }

    private static InviteByEmailCommand inviteByEmail(MemberRole role, Instant at) {
        return new InviteByEmailCommand(
                ID, CODE_HASH, "b***@example.com", role, at.plus(Duration.ofDays(7)), ADMIN, at);
    }

    // creation, name and status

    @Test
    void givenNothing_whenCreatingAnOrganization_thenCreatedWithItsOwner() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new CreateOrganizationCommand(ID, "Acme", "owner", false, ADMIN, AT))
                // then
                .expectEvents(created());
    }

    @Test
    void givenAnOrganization_whenRenamed_thenRenamedAndTheNewVersionIsReturned() {
        // given
        fixture.given(created())
                // when
                .when(new RenameOrganizationCommand(ID, "Acme Labs", ADMIN, AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new OrganizationRenamedEvent("o1", "Acme Labs", ADMIN, AT));
    }

    @Test
    void givenAnOrganization_whenRenamedToItsOwnName_thenNoEventAndTheSameVersion() {
        // given
        fixture.given(created())
                // when
                .when(new RenameOrganizationCommand(ID, "Acme", ADMIN, AT))
                // then
                .expectResultMessagePayload(0L)
                .expectNoEvents();
    }

    @Test
    void givenAnOrganization_whenDisabledThenEnabled_thenEachIsAStatusChange() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeOrganizationStatusCommand(ID, false, ADMIN, AT))
                // then
                .expectEvents(new OrganizationStatusChangedEvent("o1", false, ADMIN, AT));
        fixture.given(created(), new OrganizationStatusChangedEvent("o1", false, ADMIN, AT))
                .when(new ChangeOrganizationStatusCommand(ID, true, ADMIN, AT))
                .expectEvents(new OrganizationStatusChangedEvent("o1", true, ADMIN, AT));
    }

    @Test
    void givenAnEnabledOrganization_whenEnabledAgain_thenNoEvent() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeOrganizationStatusCommand(ID, true, ADMIN, AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAPersonalOrganization_whenDisabled_thenRefusedAsPersonal() {
        // given
        fixture.given(createdPersonal())
                // when
                .when(new ChangeOrganizationStatusCommand(ID, false, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.PERSONAL_ORGANIZATION))
                .expectNoEvents();
    }

    // members added directly

    @Test
    void givenAnOrganization_whenAddingAMember_thenMemberAdded() {
        // given
        fixture.given(created())
                // when
                .when(new AddOrganizationMemberCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                // then
                .expectEvents(added("bea", MemberRole.MEMBER));
    }

    @Test
    void givenAPersonalOrganization_whenAddingAMember_thenRefusedAsPersonal() {
        // given
        fixture.given(createdPersonal())
                // when
                .when(new AddOrganizationMemberCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.PERSONAL_ORGANIZATION))
                .expectNoEvents();
    }

    @Test
    void givenAMember_whenAddedAgain_thenRefusedAsAlreadyAMember() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new AddOrganizationMemberCommand(ID, "bea", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.ALREADY_A_MEMBER))
                .expectNoEvents();
    }

    @Test
    void givenAnOrganization_whenAddingASecondOwner_thenRefusedAsOneOwnerOnly() {
        // given
        fixture.given(created())
                // when
                .when(new AddOrganizationMemberCommand(ID, "bea", MemberRole.OWNER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    // roles

    @Test
    void givenAMember_whenMadeAdmin_thenRoleChanged() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new ChangeOrganizationMemberRoleCommand(ID, "bea", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectResultMessagePayload(2L)
                .expectEvents(new OrganizationMemberRoleChangedEvent("o1", "bea", "ADMIN", ADMIN, AT));
    }

    @Test
    void givenAMember_whenGivenTheirOwnRole_thenNoEvent() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new ChangeOrganizationMemberRoleCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenTheOwner_whenDemoted_thenRefusedAsOwnershipMovesOnlyByTransfer() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeOrganizationMemberRoleCommand(ID, "owner", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectExceptionMessage("the owner's role changes only by transferring the ownership")
                .expectNoEvents();
    }

    @Test
    void givenAMember_whenMadeOwnerByARoleChange_thenRefused() {
        // given
        fixture.given(created(), added("bea", MemberRole.ADMIN))
                // when
                .when(new ChangeOrganizationMemberRoleCommand(ID, "bea", MemberRole.OWNER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void givenSomeoneWhoIsNoMember_whenTheirRoleChanges_thenMemberNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeOrganizationMemberRoleCommand(ID, "stranger", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.MEMBER_NOT_FOUND))
                .expectNoEvents();
    }

    // removal

    @Test
    void givenAMember_whenRemoved_thenMemberRemoved() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new RemoveOrganizationMemberCommand(ID, "bea", ADMIN, AT))
                // then
                .expectEvents(new OrganizationMemberRemovedEvent("o1", "bea", ADMIN, AT));
    }

    @Test
    void givenTheOwner_whenRemoved_thenRefusedAsTheOwnerIsRequired() {
        // given
        fixture.given(created(), added("bea", MemberRole.ADMIN))
                // when
                .when(new RemoveOrganizationMemberCommand(ID, "owner", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void givenARemovedMember_whenRemovedAgain_thenMemberNotFound() {
        // given
        fixture.given(
                        created(),
                        added("bea", MemberRole.MEMBER),
                        new OrganizationMemberRemovedEvent("o1", "bea", ADMIN, AT))
                // when
                .when(new RemoveOrganizationMemberCommand(ID, "bea", ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.MEMBER_NOT_FOUND))
                .expectNoEvents();
    }

    // ownership

    @Test
    void givenAMember_whenOwnershipIsTransferredToThem_thenTheEventNamesTheOldOwner() {
        // given
        fixture.given(created(), added("bea", MemberRole.ADMIN))
                // when
                .when(new TransferOrganizationOwnershipCommand(ID, "bea", ADMIN, AT))
                // then
                .expectEvents(new OrganizationOwnershipTransferredEvent("o1", "owner", "bea", ADMIN, AT));
    }

    @Test
    void givenATransfer_whenTheOldOwnerIsRemovedOrTheNewOneDemoted_thenOnlyTheRemovalIsAllowed() {
        // given
        OrganizationOwnershipTransferredEvent transferred =
                new OrganizationOwnershipTransferredEvent("o1", "owner", "bea", ADMIN, AT);
        fixture.given(created(), added("bea", MemberRole.ADMIN), transferred)
                // when
                .when(new RemoveOrganizationMemberCommand(ID, "owner", "user:bea", AT))
                // then
                .expectEvents(new OrganizationMemberRemovedEvent("o1", "owner", "user:bea", AT));
        fixture.given(created(), added("bea", MemberRole.ADMIN), transferred)
                .when(new ChangeOrganizationMemberRoleCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void givenTheOwner_whenOwnershipIsTransferredToThemselves_thenNoEvent() {
        // given
        fixture.given(created())
                // when
                .when(new TransferOrganizationOwnershipCommand(ID, "owner", ADMIN, AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenSomeoneWhoIsNoMember_whenOwnershipIsTransferredToThem_thenMemberNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new TransferOrganizationOwnershipCommand(ID, "stranger", ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.MEMBER_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAPersonalOrganization_whenOwnershipIsTransferred_thenRefusedAsPersonal() {
        // given
        fixture.given(createdPersonal())
                // when
                .when(new TransferOrganizationOwnershipCommand(ID, "owner", ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.PERSONAL_ORGANIZATION))
                .expectNoEvents();
    }

    // invitations by username

    @Test
    void givenAnOrganization_whenInvitingAUser_thenMemberInvited() {
        // given
        fixture.given(created())
                // when
                .when(new InviteOrganizationMemberCommand(ID, "bea", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectEvents(invited("bea", MemberRole.ADMIN));
    }

    @Test
    void givenAPersonalOrganization_whenInvitingAUser_thenRefusedAsPersonal() {
        // given
        fixture.given(createdPersonal())
                // when
                .when(new InviteOrganizationMemberCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.PERSONAL_ORGANIZATION))
                .expectNoEvents();
    }

    @Test
    void givenAMember_whenInvited_thenRefusedAsAlreadyAMember() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new InviteOrganizationMemberCommand(ID, "bea", MemberRole.MEMBER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.ALREADY_A_MEMBER))
                .expectNoEvents();
    }

    @Test
    void givenAnInvitedUser_whenInvitedAgain_thenRefusedAsAlreadyInvited() {
        // given
        fixture.given(created(), invited("bea", MemberRole.MEMBER))
                // when
                .when(new InviteOrganizationMemberCommand(ID, "bea", MemberRole.ADMIN, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.ALREADY_INVITED))
                .expectNoEvents();
    }

    @Test
    void givenAnOrganization_whenInvitingAnOwner_thenRefusedAsOneOwnerOnly() {
        // given
        fixture.given(created())
                // when
                .when(new InviteOrganizationMemberCommand(ID, "bea", MemberRole.OWNER, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void givenAnInvitation_whenAccepted_thenTheUserJoinsWithTheInvitedRole() {
        // given
        fixture.given(created(), invited("bea", MemberRole.ADMIN))
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then
                .expectEvents(new OrganizationInvitationAcceptedEvent("o1", "bea", "ADMIN", "user:bea", AT));
    }

    @Test
    void givenNoInvitation_whenAccepting_thenInvitationNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAnAcceptedInvitation_whenAcceptedAgain_thenInvitationNotFound() {
        // given
        fixture.given(
                        created(),
                        invited("bea", MemberRole.MEMBER),
                        new OrganizationInvitationAcceptedEvent("o1", "bea", "MEMBER", "user:bea", AT))
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAnInvitedUserAddedDirectly_whenAcceptingTheInvitation_thenInvitationNotFound() {
        // given
        fixture.given(created(), invited("bea", MemberRole.MEMBER), added("bea", MemberRole.ADMIN))
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAnInviteeWhoJoinedByEmailAndBecameOwner_whenAcceptingTheOldInvitation_thenRefusedAndTheyStayOwner() {
        // given: invited by username as MEMBER, joined by an e-mailed code instead, then made owner
        fixture.given(
                        created(),
                        invited("bea", MemberRole.MEMBER),
                        emailInvitationSent(CODE_HASH),
                        new OrganizationEmailInvitationAcceptedEvent(
                                "o1", INVITATION_ID, "bea", "MEMBER", "user:bea", AT),
                        new OrganizationOwnershipTransferredEvent("o1", "owner", "bea", ADMIN, AT))
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then: accepting would make the owner a MEMBER and leave the organisation without an owner
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAnInvitation_whenDeclinedOrWithdrawn_thenInvitationWithdrawnSaysWhich() {
        // given
        fixture.given(created(), invited("bea", MemberRole.MEMBER))
                // when
                .when(new WithdrawOrganizationInvitationCommand(ID, "bea", true, "user:bea", AT))
                // then
                .expectEvents(new OrganizationInvitationWithdrawnEvent("o1", "bea", true, "user:bea", AT));
        fixture.given(created(), invited("bea", MemberRole.MEMBER))
                .when(new WithdrawOrganizationInvitationCommand(ID, "bea", false, ADMIN, AT))
                .expectEvents(new OrganizationInvitationWithdrawnEvent("o1", "bea", false, ADMIN, AT));
    }

    @Test
    void givenAWithdrawnInvitation_whenAccepted_thenInvitationNotFound() {
        // given
        fixture.given(
                        created(),
                        invited("bea", MemberRole.MEMBER),
                        new OrganizationInvitationWithdrawnEvent("o1", "bea", false, ADMIN, AT))
                // when
                .when(new AcceptOrganizationInvitationCommand(ID, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenNoInvitation_whenWithdrawing_thenInvitationNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new WithdrawOrganizationInvitationCommand(ID, "bea", false, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    // policy, key defaults, member budgets and rate limits

    @Test
    void givenAnOrganization_whenAPolicyIsGranted_thenPolicySetWithItsCleanedValues() {
        // given
        OrganizationPolicy policy =
                new OrganizationPolicy(List.of("vip", "vip"), List.of("gpt-4o"), new RateLimit(600L, null));
        fixture.given(created())
                // when
                .when(new SetOrganizationPolicyCommand(ID, policy, "user:root", AT))
                // then
                .expectEvents(new OrganizationPolicySetEvent(
                        "o1", List.of("vip"), List.of("gpt-4o"), 600L, null, "user:root", AT));
    }

    @Test
    void givenAPolicy_whenTheSamePolicyIsGranted_thenNoEvent() {
        // given
        fixture.given(
                        created(),
                        new OrganizationPolicySetEvent("o1", List.of("vip"), List.of(), 600L, null, "user:root", AT))
                // when
                .when(new SetOrganizationPolicyCommand(
                        ID,
                        new OrganizationPolicy(List.of("vip"), List.of(), new RateLimit(600L, null)),
                        "user:root",
                        AT))
                // then
                .expectNoEvents();
        fixture.given(created())
                .when(new SetOrganizationPolicyCommand(ID, OrganizationPolicy.NONE, "user:root", AT))
                .expectNoEvents();
    }

    @Test
    void givenAnOrganization_whenKeyDefaultsAreSet_thenKeyDefaultsSet() {
        // given
        fixture.given(created())
                // when
                .when(new SetOrganizationKeyDefaultsCommand(ID, new RateLimit(60L, 10_000L), ADMIN, AT))
                // then
                .expectEvents(new OrganizationKeyDefaultsSetEvent("o1", 60L, 10_000L, ADMIN, AT));
    }

    @Test
    void givenKeyDefaults_whenSetToTheSameValues_thenNoEvent() {
        // given
        fixture.given(created(), new OrganizationKeyDefaultsSetEvent("o1", 60L, null, ADMIN, AT))
                // when
                .when(new SetOrganizationKeyDefaultsCommand(ID, new RateLimit(60L, null), ADMIN, AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAMember_whenABudgetIsSetRepeatedAndRemoved_thenOnlyTheChangesAreRecorded() {
        // given
        MemberBudgetSetEvent budget = new MemberBudgetSetEvent("o1", "bea", 100_000L, ADMIN, AT);
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new SetMemberBudgetCommand(ID, "bea", 100_000L, ADMIN, AT))
                // then
                .expectEvents(budget);
        fixture.given(created(), added("bea", MemberRole.MEMBER), budget)
                .when(new SetMemberBudgetCommand(ID, "bea", 100_000L, ADMIN, AT))
                .expectNoEvents();
        fixture.given(created(), added("bea", MemberRole.MEMBER), budget)
                .when(new SetMemberBudgetCommand(ID, "bea", null, ADMIN, AT))
                .expectEvents(new MemberBudgetSetEvent("o1", "bea", null, ADMIN, AT));
    }

    @Test
    void givenSomeoneWhoIsNoMember_whenABudgetIsSet_thenMemberNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new SetMemberBudgetCommand(ID, "stranger", 1L, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.MEMBER_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAMemberRemovedWithABudgetAndAddedAgain_whenTheSameBudgetIsSet_thenItIsRecordedAgain() {
        // given: a removed member's budget goes with them
        fixture.given(
                        created(),
                        added("bea", MemberRole.MEMBER),
                        new MemberBudgetSetEvent("o1", "bea", 100_000L, ADMIN, AT),
                        new OrganizationMemberRemovedEvent("o1", "bea", ADMIN, AT),
                        added("bea", MemberRole.MEMBER))
                // when
                .when(new SetMemberBudgetCommand(ID, "bea", 100_000L, ADMIN, AT))
                // then
                .expectEvents(new MemberBudgetSetEvent("o1", "bea", 100_000L, ADMIN, AT));
    }

    @Test
    void givenAMember_whenARateLimitIsSetRepeatedOrNone_thenOnlyTheChangeIsRecorded() {
        // given
        MemberRateLimitSetEvent limit = new MemberRateLimitSetEvent("o1", "bea", 30L, null, ADMIN, AT);
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                // when
                .when(new SetMemberRateLimitCommand(ID, "bea", new RateLimit(30L, null), ADMIN, AT))
                // then
                .expectEvents(limit);
        fixture.given(created(), added("bea", MemberRole.MEMBER), limit)
                .when(new SetMemberRateLimitCommand(ID, "bea", new RateLimit(30L, null), ADMIN, AT))
                .expectNoEvents();
        fixture.given(created(), added("bea", MemberRole.MEMBER))
                .when(new SetMemberRateLimitCommand(ID, "bea", RateLimit.NONE, ADMIN, AT))
                .expectNoEvents();
    }

    @Test
    void givenSomeoneWhoIsNoMember_whenARateLimitIsSet_thenMemberNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new SetMemberRateLimitCommand(ID, "stranger", new RateLimit(30L, null), ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.MEMBER_NOT_FOUND))
                .expectNoEvents();
    }

    // invitations by e-mail

    @Test
    void givenAnOrganization_whenInvitingByEmail_thenTheEventHoldsTheCodesHashAndTheMaskedAddressOnly() {
        // given
        fixture.given(created())
                // when
                .when(inviteByEmail(MemberRole.MEMBER, AT))
                // then
                .expectEvents(emailInvitationSent(CODE_HASH));
    }

    @Test
    void givenAPersonalOrganization_whenInvitingByEmail_thenRefusedAsPersonal() {
        // given
        fixture.given(createdPersonal())
                // when
                .when(inviteByEmail(MemberRole.MEMBER, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.PERSONAL_ORGANIZATION))
                .expectNoEvents();
    }

    @Test
    void givenAnOrganization_whenInvitingAnOwnerByEmail_thenRefusedAsOneOwnerOnly() {
        // given
        fixture.given(created())
                // when
                .when(inviteByEmail(MemberRole.OWNER, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.OWNER_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void givenTheMostInvitationsWaiting_whenInvitingOneMore_thenRefusedUntilTheyExpire() {
        // given
        List<Object> history = new ArrayList<>();
        history.add(created());
        for (int i = 1; i <= Organization.MAX_PENDING_EMAIL_INVITATIONS; i++) {
            history.add(emailInvitationSent(String.format("%064x", i)));
        }
        fixture.given(history)
                // when
                .when(inviteByEmail(MemberRole.MEMBER, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.TOO_MANY_INVITATIONS))
                .expectNoEvents();
        fixture.given(history)
                .when(inviteByEmail(MemberRole.MEMBER, LATER))
                .expectEvents(new OrganizationEmailInvitationSentEvent(
                        "o1",
                        INVITATION_ID,
                        CODE_HASH,
                        "b***@example.com",
                        "MEMBER",
                        LATER.plus(Duration.ofDays(7)),
                        ADMIN,
                        LATER));
    }

    @Test
    void givenAnEmailedInvitation_whenTheCodeIsPresented_thenTheUserJoinsWithTheInvitedRole() {
        // given
        fixture.given(created(), emailInvitationSent(CODE_HASH))
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", AT))
                // then
                .expectEvents(new OrganizationEmailInvitationAcceptedEvent(
                        "o1", INVITATION_ID, "bea", "MEMBER", "user:bea", AT));
    }

    @Test
    void givenAnUnknownCode_whenPresented_thenInvitationNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAUsedCode_whenPresentedAgain_thenInvitationNotFound() {
        // given
        fixture.given(
                        created(),
                        emailInvitationSent(CODE_HASH),
                        new OrganizationEmailInvitationAcceptedEvent(
                                "o1", INVITATION_ID, "bea", "MEMBER", "user:bea", AT))
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "cleo", "user:cleo", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenAnExpiredCode_whenPresented_thenInvitationNotFound() {
        // given
        fixture.given(created(), emailInvitationSent(CODE_HASH))
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", LATER))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenADisabledOrganization_whenAnEmailedCodeIsPresented_thenRefusedAsDisabled() {
        // given
        fixture.given(
                        created(),
                        emailInvitationSent(CODE_HASH),
                        new OrganizationStatusChangedEvent("o1", false, ADMIN, AT))
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.ORGANIZATION_DISABLED))
                .expectNoEvents();
    }

    @Test
    void givenAMember_whenPresentingAnEmailedCode_thenRefusedAsAlreadyAMember() {
        // given
        fixture.given(created(), added("bea", MemberRole.MEMBER), emailInvitationSent(CODE_HASH))
                // when
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.ALREADY_A_MEMBER))
                .expectNoEvents();
    }

    @Test
    void givenAnEmailedInvitation_whenWithdrawn_thenWithdrawnAndItsCodeNoLongerWorks() {
        // given
        fixture.given(created(), emailInvitationSent(CODE_HASH))
                // when
                .when(new WithdrawEmailInvitationCommand(ID, INVITATION_ID, ADMIN, AT))
                // then
                .expectEvents(new OrganizationEmailInvitationWithdrawnEvent("o1", INVITATION_ID, ADMIN, AT));
        fixture.given(
                        created(),
                        emailInvitationSent(CODE_HASH),
                        new OrganizationEmailInvitationWithdrawnEvent("o1", INVITATION_ID, ADMIN, AT))
                .when(new AcceptEmailInvitationCommand(ID, CODE_HASH, "bea", "user:bea", AT))
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenNoSuchEmailedInvitation_whenWithdrawn_thenInvitationNotFound() {
        // given
        fixture.given(created())
                // when
                .when(new WithdrawEmailInvitationCommand(ID, INVITATION_ID, ADMIN, AT))
                // then
                .expectException(refusedWith(OrganizationErrorCode.INVITATION_NOT_FOUND))
                .expectNoEvents();
    }
}
