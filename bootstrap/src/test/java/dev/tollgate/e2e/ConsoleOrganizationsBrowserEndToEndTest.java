package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Organisations in the console, in headless Chromium: an organisation admin sees only their organisation and none of
 * the platform's pages; a platform admin manages an organisation's invitations, a member's budget and rate limit, its
 * policy and its wallet; an invited user accepts on their organisations page.
 */
class ConsoleOrganizationsBrowserEndToEndTest extends ConsoleBrowserTestBase {

    @Test
    void givenAnOrganisationAdmin_whenSignedIn_thenOnlyTheirOrganisationShowsAndNoPlatformPage() {
        // given: dave is ADMIN of Alpha; carol owns Beta and has a key there
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "console-iso");
        String carolsKey = uniqueModel("carol-key");
        assertThat(cast.carol()
                        .api()
                        .post(
                                "/api/v1/organizations/" + cast.beta() + "/tokens",
                                Map.of("name", carolsKey, "quota", 1000))
                        .status())
                .isEqualTo(201);

        // when
        signIn(cast.dave().username(), TwoOrganisations.PASSWORD);

        // then: no platform page in the navigation, nor by address
        List<String> nav = browser.findElements(By.cssSelector("nav.side a")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(nav)
                .contains("Organisations", "Keys")
                .doesNotContain("Channels", "Users", "Settings", "Redemption codes");
        for (String page : List.of("channels", "users", "settings", "redemptions")) {
            open("/#/" + page);
            wait.until(ExpectedConditions.attributeToBe(By.id("nav-dashboard"), "aria-current", "page"));
        }
        // and: their organisation with its members, not the other one
        go("organizations");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-list"), "Alpha"));
        assertThat(text(By.id("org-list"))).contains("ADMIN").doesNotContain("Beta");
        browser.findElement(By.cssSelector("button[data-action=manage][data-name='Alpha']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("org-detail"), cast.bob().username()));
        assertThat(text(By.id("org-detail")))
                .contains(cast.alice().username())
                .doesNotContain(cast.carol().username());
        assertThat(browser.findElements(By.id("org-credit-form"))).isEmpty();
        assertThat(browser.findElements(By.id("policy-form"))).isEmpty();
        assertThat(browser.findElements(By.id("key-defaults-form"))).hasSize(1);
        screenshot("en-organization-admin");
        // and: no key of the other organisation
        go("keys");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        assertThat(text(By.id("main"))).doesNotContain(carolsKey);
    }

    @Test
    void givenRoot_whenManagingAnOrganisation_thenInvitationsBudgetsPolicyAndWalletChangeThroughTheApi() {
        // given
        // (a team of its own: other tests' organisations are called Alpha too, and root sees them all)
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "console-org");
        TwoOrganisations.Person guest = TwoOrganisations.person(admin, port, uniqueModel("console-guest"), "USER");
        String team = uniqueModel("console-team");
        String teamId = cast.alice()
                .api()
                .post("/api/v1/organizations", Map.of("name", team))
                .json()
                .get("id")
                .asText();
        assertThat(cast.alice()
                        .api()
                        .post(
                                "/api/v1/organizations/" + teamId + "/members",
                                Map.of("username", cast.bob().username()))
                        .status())
                .isEqualTo(201);
        String base = "/api/v1/organizations/" + teamId;
        long before = admin.get(base + "/wallet").json().get("balance").asLong();
        signIn("root", ROOT_PASSWORD);
        go("organizations");
        // root sees every organisation, a page at a time: the team is found by its name
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("org-search-q")));
        type(By.id("org-search-q"), team);
        browser.findElement(By.id("org-search-apply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#org-list tbody tr")).size() == 1);
        assertThat(text(By.id("org-list"))).contains(team).doesNotContain("Alpha");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("button[data-action=manage][data-name='" + team + "']")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-form")));

        // when: a user is invited, then the invitation withdrawn
        type(By.id("invite-username"), guest.username());
        browser.findElement(By.id("invite-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-invitations"), guest.username()));
        assertThat(admin.get(base + "/invitations").json().get("items")).hasSize(1);
        browser.findElement(By.cssSelector("button[data-action=withdraw][data-name='" + guest.username() + "']"))
                .click();
        wait.until(d -> !d.findElement(By.id("org-invitations")).getText().contains(guest.username()));

        // then
        assertThat(admin.get(base + "/invitations").json().get("items")).isEmpty();

        // when: bob gets a monthly budget and a rate limit
        new Select(browser.findElement(By.id("limit-member")))
                .selectByVisibleText(cast.bob().username());
        wait.until(ExpectedConditions.attributeToBe(
                By.id("limit-form"), "data-member", cast.bob().id()));
        type(By.id("limit-budget"), "100000");
        type(By.id("limit-rpm"), "30");
        browser.findElement(By.id("limit-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-detail"), "100,000"));

        // then
        String bob = base + "/members/" + cast.bob().id();
        assertThat(admin.get(bob + "/budget").json().get("monthlyBudget").asLong())
                .isEqualTo(100_000);
        JsonNode limit = admin.get(bob + "/rate-limit").json();
        assertThat(limit.get("rpm").asLong()).isEqualTo(30);
        assertThat(limit.get("tpm").isNull()).isTrue();

        // when: the grant is set
        WebElement models = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policy-models")));
        models.clear();
        models.sendKeys("deepseek-chat, qwen-plus");
        browser.findElement(By.id("policy-rpm")).clear();
        type(By.id("policy-rpm"), "600");
        browser.findElement(By.id("policy-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-policy"), "qwen-plus"));

        // then
        JsonNode policy = admin.get(base + "/policy").json();
        assertThat(policy.get("models")).extracting(JsonNode::asText).containsExactly("deepseek-chat", "qwen-plus");
        assertThat(policy.get("rpm").asLong()).isEqualTo(600);

        // when: the wallet is credited 2 USD and debited 0.50 USD
        WebElement credit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("org-credit-amount")));
        credit.clear();
        credit.sendKeys("1000000");
        type(By.id("org-credit-reason"), "console top-up");
        browser.findElement(By.id("org-credit-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Balance now"));
        WebElement debit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("org-debit-amount")));
        debit.clear();
        debit.sendKeys("250000");
        type(By.id("org-debit-reason"), "console correction");
        browser.findElement(By.id("org-debit-submit")).click();
        long expected = before + 750_000;
        wait.until(d -> admin.get(base + "/wallet").json().get("balance").asLong() == expected);

        // then: both are in the organisation's ledger with their reasons
        String ledger =
                admin.get("/api/v1/ledger?organizationId=" + teamId).raw().body();
        assertThat(ledger).contains("console top-up", "console correction");
        screenshot("en-organization");
    }

    @Test
    void givenAnInvitation_whenTheInvitedUserAcceptsInTheConsole_thenTheyAreAMember() {
        // given
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "console-accept");
        TwoOrganisations.Person guest = TwoOrganisations.person(admin, port, uniqueModel("console-invitee"), "USER");
        assertThat(cast.alice()
                        .api()
                        .post(
                                "/api/v1/organizations/" + cast.alpha() + "/invitations",
                                Map.of("username", guest.username()))
                        .status())
                .isEqualTo(201);
        signIn(guest.username(), TwoOrganisations.PASSWORD);
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("zh-CN");

        // when
        go("organizations");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[data-action=accept][data-name='Alpha']")));
        screenshot("zh-organization-invitation");
        browser.findElement(By.cssSelector("button[data-action=accept][data-name='Alpha']"))
                .click();

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-list"), "Alpha"));
        assertThat(browser.findElements(By.cssSelector("button[data-action=accept]")))
                .isEmpty();
        String members = admin.get("/api/v1/organizations/" + cast.alpha() + "/members")
                .raw()
                .body();
        assertThat(members).contains(guest.username());
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("en");
    }
}
