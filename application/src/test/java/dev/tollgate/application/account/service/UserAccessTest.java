package dev.tollgate.application.account.service;

import static dev.tollgate.application.common.Projections.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who may see and manage which user: themselves, platform admins, and admins only by root. */
class UserAccessTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Caller ROOT = new Caller("root", true);
    private static final Caller ADA = new Caller("ada", true);
    private static final Caller MAX = new Caller("max", false);

    private final UserDirectory users = new UserDirectory(new ViewFreshness());
    private final UserAccess access = new UserAccess(users);

    UserAccessTest() {
        apply(users, "root", new UserRegisteredEvent("root", "root", "$argon2id$h", "ROOT", "system", AT));
        apply(users, "ada", new UserRegisteredEvent("ada", "ada", "$argon2id$h", "ADMIN", "user:root", AT));
        apply(users, "bob", new UserRegisteredEvent("bob", "bob", "$argon2id$h", "ADMIN", "user:root", AT));
        apply(users, "max", new UserRegisteredEvent("max", "max", "$argon2id$h", "USER", "self", AT));
    }

    @Test
    void givenAUser_whenTheyOrAnAdminRead_thenTheySeeThemAndAnotherUserGetsNotFound() {
        // when / then
        assertThat(access.visible("max", MAX).username()).isEqualTo("max");
        assertThat(access.visible("max", ADA).username()).isEqualTo("max");
        assertThatThrownBy(() -> access.visible("ada", MAX))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("user ada not found");
    }

    @Test
    void givenAUserWhoIsNoAdmin_whenManagingAnyone_thenAdminRequired() {
        // when / then
        assertThatThrownBy(() -> access.manageable("max", MAX))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.errorCode()).isEqualTo(AccessErrorCode.ADMIN_REQUIRED))
                .hasMessage(UserAccess.ADMINS_ONLY);
    }

    @Test
    void givenAnAdmin_whenManagingAUserThemselvesOrAnotherAdmin_thenOnlyTheOtherAdminIsRefused() {
        // when / then
        assertThat(access.manageable("max", ADA).userId()).isEqualTo("max");
        assertThat(access.manageable("ada", ADA).userId()).isEqualTo("ada");
        assertThatThrownBy(() -> access.manageable("bob", ADA))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.errorCode()).isEqualTo(AccessErrorCode.ADMIN_REQUIRED))
                .hasMessage("only the root user may change admins");
        assertThat(access.manageable("bob", ROOT).userId()).isEqualTo("bob");
    }

    @Test
    void givenAnAdmin_whenDoingWhatTakesRoot_thenRefusedAndRootMay() {
        // when / then
        assertThatThrownBy(() -> UserAccess.requireRoot(ADA, "only the root user may create admins"))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(AccessErrorCode.ADMIN_REQUIRED));
        UserAccess.requireRoot(ROOT, "only the root user may create admins");
    }
}
