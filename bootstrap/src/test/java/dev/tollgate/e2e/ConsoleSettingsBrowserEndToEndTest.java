package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The settings and prices pages in headless Chromium: the site's name, logo, notice and footer set on the settings page
 * and shown on the sign-in page and after sign-in; the SMTP server (with a test mail) and GitHub sign-in set there and
 * applied at once, secrets never shown; one-api's ratio tables exported and imported on the prices page.
 */
class ConsoleSettingsBrowserEndToEndTest extends ConsoleBrowserTestBase {
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlE"
                    + "QVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void givenRoot_whenSettingTheSiteOnTheSettingsPage_thenItsNameFooterAndNoticeShowAroundSignIn() throws IOException {
        // given
        JsonNode before = admin.get("/api/v1/site").json();
        Path logo = Files.createTempFile("logo", ".png");
        Files.write(logo, PNG);
        try {
            signIn("root", ROOT_PASSWORD);
            go("settings");

            // when
            WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-name")));
            name.clear();
            name.sendKeys("Acme AI");
            browser.findElement(By.id("site-logo"))
                    .sendKeys(logo.toAbsolutePath().toString());
            wait.until(d -> d.findElement(By.id("site-logo-preview")).isDisplayed());
            browser.findElement(By.id("site-notice-text")).clear();
            browser.findElement(By.id("site-notice-text")).sendKeys("Maintenance on Sunday");
            browser.findElement(By.id("site-footer-text")).clear();
            browser.findElement(By.id("site-footer-text")).sendKeys("© Acme");
            browser.findElement(By.id("site-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Saved"));

            // then: stored, and shown at once in the header and the footer
            JsonNode site = admin.get("/api/v1/site").json();
            assertThat(site.get("name").asText()).isEqualTo("Acme AI");
            assertThat(site.get("logo").asText())
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header .brand #brand-name"), "Acme AI"));
            assertThat(text(By.cssSelector("footer.site-footer"))).isEqualTo("© Acme");
            assertThat(browser.findElement(By.id("site-footer-text")).getDomProperty("value"))
                    .isEqualTo("© Acme");
            screenshot("en-settings");

            // and: on the sign-in page, then the notice after sign-in until it is hidden
            browser.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            assertThat(text(By.id("brand-name"))).isEqualTo("Acme AI");
            assertThat(browser.getTitle()).endsWith("Acme AI");
            signIn("root", ROOT_PASSWORD);
            assertThat(text(By.id("site-notice"))).contains("Maintenance on Sunday");
            browser.findElement(By.id("site-notice-hide")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("site-notice")));
            go("keys");
            assertThat(browser.findElements(By.id("site-notice"))).isEmpty();
        } finally {
            admin.put(
                    "/api/v1/settings/site",
                    Map.of(
                            "name",
                            before.get("name").asText(),
                            "logo",
                            before.get("logo").asText(),
                            "notice",
                            before.get("notice").asText(),
                            "footer",
                            before.get("footer").asText()));
            Files.deleteIfExists(logo);
        }
    }

    @Test
    void givenRoot_whenExportingAndImportingOneApiRatiosOnThePricesPage_thenThePricesFollowTheRatios() {
        // given
        String model = uniqueModel("ratio-model");
        admin.setPrice(uniqueModel("ratio-existing"), 1_000_000, 2_000_000);
        signIn("root", ROOT_PASSWORD);
        go("prices");

        // when: exported
        wait.until(ExpectedConditions.elementToBeClickable(By.id("ratios-export")))
                .click();

        // then
        wait.until(
                d -> d.findElement(By.id("ratios-json")).getDomProperty("value").contains("\"ModelRatio\""));

        // when: a ratio table is imported
        WebElement json = browser.findElement(By.id("ratios-json"));
        json.clear();
        json.sendKeys("{\"ModelRatio\": {\"" + model + "\": 0.5}, \"CompletionRatio\": {\"" + model + "\": 2}}");
        browser.findElement(By.id("ratios-import")).click();

        // then: ratio 1 is 2 USD per 1M input tokens (1,000,000 units), the completion ratio multiplies the output
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("price-list"), model));
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("input").asLong()).isEqualTo(500_000);
        assertThat(price.get("output").asLong()).isEqualTo(1_000_000);

        // when: the text is not JSON
        json = browser.findElement(By.id("ratios-json"));
        json.clear();
        json.sendKeys("ModelRatio = 1");
        browser.findElement(By.id("ratios-import")).click();

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.error"), "not JSON"));
    }

    @Test
    void givenRoot_whenSettingTheMailServerAndGitHubOnTheSettingsPage_thenTheyApplyAtOnceAndSecretsAreNeverShown() {
        // given
        String secret = "gh-secret-" + uniqueModel("console");
        String recipient = uniqueModel("settings-test") + "@example.test";
        try {
            signIn("root", ROOT_PASSWORD);
            go("settings");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mail-host")));
            assertThat(text(By.id("mail-form"))).contains("From the server configuration");

            // when: the SMTP server is saved with another sender, and a test mail sent
            WebElement from = browser.findElement(By.id("mail-from"));
            from.clear();
            from.sendKeys("console-settings@example.test");
            browser.findElement(By.id("mail-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Saved"));
            type(By.id("mail-test-to"), recipient);
            browser.findElement(By.id("mail-test-submit")).click();

            // then: the mail arrives from the new sender
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".notice.ok"), "took the test mail"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Arrays.stream(SMTP.getReceivedMessages())
                                    .filter(m -> recipientIs(m, recipient))
                                    .map(ConsoleSettingsBrowserEndToEndTest::sender))
                            .containsExactly("console-settings@example.test"));
            assertThat(text(By.id("mail-form"))).contains("Set here");

            // when: GitHub sign-in is turned on with a client id and secret
            WebElement enabled = browser.findElement(By.id("provider-github-enabled"));
            if (!enabled.isSelected()) {
                enabled.click();
            }
            type(By.id("provider-github-client-id"), "Iv1.console");
            type(By.id("provider-github-secret"), secret);
            browser.findElement(By.id("provider-github-submit")).click();

            // then: offered at once; the page says the secret is set and never shows it
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("provider-github-secret-state"), "Set"));
            assertThat(new AdminApi(port).get("/api/v1/auth/providers").raw().body())
                    .contains("\"github\"");
            assertThat(browser.findElement(By.id("provider-github-secret")).getDomProperty("value"))
                    .isEmpty();
            assertThat(browser.getPageSource()).doesNotContain(secret);
            assertThat(text(By.id("provider-github-callback"))).endsWith("/login/oauth2/code/github");
            screenshot("en-settings-integrations");

            // when: back to the configuration (no GitHub there)
            browser.findElement(By.id("provider-github-reset")).click();

            // then
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("provider-github-secret-state"), "Not set"));
            assertThat(new AdminApi(port).get("/api/v1/auth/providers").raw().body())
                    .doesNotContain("\"github\"");
        } finally {
            admin.delete("/api/v1/settings/mail");
            admin.delete("/api/v1/settings/sign-in/github");
        }
    }

    private static boolean recipientIs(MimeMessage message, String address) {
        try {
            return message.getAllRecipients()[0].toString().equals(address);
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String sender(MimeMessage message) {
        try {
            return message.getFrom()[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
