package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The identity pages in headless Chromium, with a real local SMTP server: a user adds and verifies their e-mail address
 * on their account page, then, signed out, resets a forgotten password with the code mailed to it.
 */
class ConsoleIdentityBrowserEndToEndTest extends ConsoleBrowserTestBase {

    @Test
    void givenAUser_whenVerifyingTheirAddressAndLaterResettingThePassword_thenTheySignInWithTheNewOne()
            throws MessagingException {
        // given
        TwoOrganisations.Person user = TwoOrganisations.person(admin, port, uniqueModel("console-mail"), "USER");
        String address = user.username() + "@example.test";
        signIn(user.username(), TwoOrganisations.PASSWORD);
        go("account");

        // when: the address is set and verified with the mailed code
        type(By.id("email-address"), address);
        browser.findElement(By.id("email-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email-code")))
                .sendKeys(codeMailedTo(address));
        browser.findElement(By.id("email-verify-submit")).click();

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("email-status"), "(verified)"));
        assertThat(user.api()
                        .get("/api/v1/users/me/email")
                        .json()
                        .get("verified")
                        .asBoolean())
                .isTrue();
        screenshot("en-account-email");

        // when: signed out, the password is reset with the mailed code
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("reset-open"))).click();
        type(By.id("reset-username"), user.username());
        browser.findElement(By.id("reset-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "on its way"));
        String code = codeMailedToAfterVerification(address);
        type(By.id("reset-code"), code);
        type(By.id("reset-password"), "a-brand-new-password-42");
        browser.findElement(By.id("reset-confirm")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Password changed"));

        // then: the new password signs in, the old one no longer does
        assertThat(new AdminApi(port)
                        .call(
                                "POST",
                                "/api/v1/auth/login",
                                Map.of("username", user.username(), "password", TwoOrganisations.PASSWORD),
                                null)
                        .status())
                .isEqualTo(401);
        type(By.id("login-password"), "a-brand-new-password-42");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user.username()));
    }

    /** The reset mail is the second one to the address: wait until it is there, then read its code. */
    private static String codeMailedToAfterVerification(String address) throws MessagingException {
        for (int tries = 0; tries < 100 && mailsTo(address) < 2; tries++) {
            SMTP.waitForIncomingEmail(100, SMTP.getReceivedMessages().length + 1);
        }
        assertThat(mailsTo(address)).isEqualTo(2);
        return codeMailedTo(address);
    }

    private static long mailsTo(String address) throws MessagingException {
        long n = 0;
        for (var m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                n++;
            }
        }
        return n;
    }
}
