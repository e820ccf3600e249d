package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against the running Tollgate and a fake OpenAI-compatible upstream on
 * loopback: the seed guides' flow as a new operator does it (sign in as root, add a DeepSeek channel, test it, set a
 * price, create a key with a quota and an expiry, call the relay with it, see the request in usage and on the
 * dashboard, create redemption codes), a member who sees only their pages and redeems a code, the language switch.
 * One browser for the class; screenshots of the main pages in both languages go to {@code target/console/}.
 */
class ConsoleBrowserEndToEndTest extends ConsoleBrowserTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenRoot_whenFollowingTheSeedGuideInTheBrowser_thenTheRelayedRequestShowsInUsageAndOnTheDashboard() {
        String model = uniqueModel("deepseek-chat");

        // given: signed in as root
        signIn("root", ROOT_PASSWORD);
        assertThat(text(By.id("who"))).contains("root", "ROOT");

        // when: a DeepSeek channel to the fake upstream is added and tested
        go("channels");
        type(By.id("ch-name"), "deepseek-" + model);
        new Select(browser.findElement(By.id("ch-type"))).selectByValue("deepseek");
        type(By.id("ch-base-url"), UPSTREAM.baseUrl());
        type(By.id("ch-keys"), "sk-deepseek-upstream-key");
        type(By.id("ch-models"), model);
        browser.findElement(By.id("ch-submit")).click();
        WebElement testButton = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[data-action=test][data-name='deepseek-" + model + "']")));
        testButton.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), ": OK, 200"));

        // and edited: a higher weight, its keys kept
        browser.findElement(By.cssSelector("button[data-action=edit][data-name='deepseek-" + model + "']"))
                .click();
        WebElement weight = browser.findElement(By.id("ch-weight"));
        weight.clear();
        weight.sendKeys("3");
        browser.findElement(By.id("ch-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channel-list"), "0 / 3"));
        JsonNode channel = null;
        for (JsonNode c : admin.get("/api/v1/channels?size=100").json().get("items")) {
            if (c.get("name").asText().equals("deepseek-" + model)) {
                channel = c;
            }
        }
        assertThat(channel).isNotNull();
        assertThat(channel.get("weight").asInt()).isEqualTo(3);
        assertThat(channel.get("keys")).hasSize(1);
        assertThat(channel.get("baseUrl").asText()).isEqualTo(UPSTREAM.baseUrl());

        // and its price is set
        go("prices");
        type(By.id("price-model"), model);
        type(By.id("price-input"), "1000000");
        type(By.id("price-output"), "2000000");
        type(By.id("price-cache-write"), "1250000");
        type(By.id("price-audio-output"), "8000000");
        browser.findElement(By.id("price-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("price-list"), model));
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("cacheWrite").asLong()).isEqualTo(1_250_000);
        assertThat(price.get("audioOutput").asLong()).isEqualTo(8_000_000);
        assertThat(price.get("cachedInput").asLong()).isEqualTo(1_000_000); // left empty: the input price

        // and a key with a quota and an expiry is created; its secret is shown once
        go("keys");
        type(By.id("key-name"), "app-" + model);
        browser.findElement(By.id("key-quota")).clear();
        type(By.id("key-quota"), "500000");
        setDate(By.id("key-expires"), LocalDate.now().plusDays(30));
        browser.findElement(By.id("key-submit")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));
        String key = secret.getDomProperty("value");
        assertThat(key).startsWith("sk-");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-list"), "app-" + model));
        assertThat(text(By.id("key-list"))).doesNotContain(key).contains("$1.00");
        screenshot("en-keys");

        // then: the key works on the relay, and the request is in the usage list (filtered by model) and on the
        // dashboard
        HttpResponse<String> relayed = relay(key, model);
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(relayed.body()).contains(FakeOpenAiUpstream.REPLY);
        go("usage");
        type(By.id("usage-model"), model);
        browser.findElement(By.id("usage-apply")).click();
        // the unfiltered list shows first (other tests' requests too); the filtered one holds this request alone
        new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(300))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#usage-list tbody tr"));
                    if (rows.size() == 1 && rows.get(0).getText().contains(model)) {
                        return true;
                    }
                    d.findElement(By.id("usage-apply")).click();
                    return false;
                });
        go("channels");
        screenshot("en-channels");
        go("dashboard");
        awaitText(By.id("main"), model, "dashboard");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect.bar"))).isNotEmpty();
        assertThat(text(By.id("stat-requests"))).doesNotContain("\n0");
        screenshot("en-dashboard");

        // and: rotating the key shows a new secret once; the old one is refused at once
        go("keys");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("button[data-action=rotate][data-name='app-" + model + "']")))
                .click();
        browser.switchTo().alert().accept();
        wait.until(d -> !key.equals(d.findElement(By.id("new-key")).getDomProperty("value")));
        String rotated = browser.findElement(By.id("new-key")).getDomProperty("value");
        assertThat(rotated).startsWith("sk-");
        assertThat(relay(key, model).statusCode()).isEqualTo(401);
        assertThat(relay(rotated, model).statusCode()).isEqualTo(200);

        // and: a batch of redemption codes is created, the codes shown once
        go("redemptions");
        type(By.id("batch-name"), "batch-" + model);
        browser.findElement(By.id("batch-count")).clear();
        type(By.id("batch-count"), "2");
        browser.findElement(By.id("batch-submit")).click();
        String codes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-codes")))
                .getDomProperty("value");
        assertThat(codes.lines().toList()).hasSize(2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-list"), "batch-" + model));
        assertThat(text(By.id("batch-list"))).contains("active");

        // and: the batch is disabled from its row
        browser.findElement(
                        By.cssSelector("#batch-list button[data-action='disable'][data-name='batch-" + model + "']"))
                .click();
        wait.until(d -> d.findElements(
                        By.cssSelector("#batch-list button[data-action='disable'][data-name='batch-" + model + "']"))
                .isEmpty());
        assertThat(text(By.id("batch-list"))).contains("disabled");

        // and: all of it is in the audit log
        go("audit");
        awaitText(By.id("audit-list"), "redemption", "audit");
        assertThat(text(By.id("audit-list"))).contains("price.set", "token.issued");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.manage().getCookieNamed("tollgate-session")).isNull();
    }

    @Test
    void givenMemberAddedOnTheUsersPage_whenSignedIn_thenOnlyTheirPagesShowAndACodeIsRedeemedIntoTheirWallet() {
        // given: root adds a user on the users page; a code made through the API
        String username = "member" + UUID.randomUUID().toString().substring(0, 8);
        String password = "member-password-" + UUID.randomUUID();
        String code = admin.post(
                        "/api/v1/redemption-batches", Map.of("name", "for-" + username, "count", 1, "value", 1_000_000))
                .json()
                .get("codes")
                .get(0)
                .asText();
        signIn("root", ROOT_PASSWORD);
        go("users");
        type(By.id("user-name"), username);
        type(By.id("user-password"), password);
        new Select(browser.findElement(By.id("user-role"))).selectByValue("USER");
        browser.findElement(By.id("user-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-list"), username));
        // and makes a team with them in it; another team stays without them
        String team = "team-" + username;
        String otherTeam = "other-" + username;
        assertThat(admin.post("/api/v1/organizations", Map.of("name", otherTeam))
                        .status())
                .isEqualTo(201);
        go("organizations");
        type(By.id("org-name"), team);
        browser.findElement(By.id("org-submit")).click();
        type(By.id("member-username"), username);
        browser.findElement(By.id("member-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-detail"), username));

        // and sets a daily check-in bonus of 0.50 USD on the settings page
        JsonNode incentives = admin.get("/api/v1/settings/incentives").json();
        go("settings");
        WebElement checkInBonus = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inc-check-in")));
        checkInBonus.clear();
        checkInBonus.sendKeys("250000");
        browser.findElement(By.id("incentives-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Saved"));
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));

        // when
        signIn(username, password);

        // then: no admin pages, not even by address
        List<String> nav = browser.findElements(By.cssSelector("nav.side a")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(nav)
                .contains("Dashboard", "Keys", "Redeem a code", "Usage", "Ledger", "Audit log", "My account")
                .doesNotContain("Channels", "Redemption codes", "Users", "Settings");
        open("/#/channels");
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-dashboard"), "aria-current", "page"));
        assertThat(browser.findElements(By.id("channel-form"))).isEmpty();

        // and: they see their team, not the other one
        go("organizations");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("org-list"), team));
        assertThat(text(By.id("org-list"))).contains("MEMBER").doesNotContain(otherTeam);

        // and: the code is redeemed with the keyboard alone
        go("redeem");
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redeem-code")));
        input.sendKeys(code, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "$2.00"));
        go("dashboard");
        awaitText(By.id("stat-balance"), "$2.00", "dashboard");

        // and: the daily check-in on their account page pays the bonus
        go("account");
        try {
            wait.until(ExpectedConditions.elementToBeClickable(By.id("check-in")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "$2.50"));
        } finally {
            admin.put("/api/v1/settings/incentives", incentives);
        }

        // and: a personal access token made on their account page works for scripts
        type(By.id("pat-name"), "ci");
        browser.findElement(By.id("pat-submit")).click();
        String pat = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-pat")))
                .getDomProperty("value");
        assertThat(pat).startsWith("tgp_");
        AdminApi.Reply me = admin.withBearer(pat).get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(username);
    }

    @Test
    void givenOpenRegistration_whenAVisitorCreatesAnAccount_thenSignedInAsAUser() {
        // given
        String mode = admin.get("/api/v1/auth/registration").json().get("mode").asText();
        assertThat(admin.put("/api/v1/settings/registration", Map.of("mode", "open"))
                        .status())
                .isEqualTo(200);
        String username = "visitor" + UUID.randomUUID().toString().substring(0, 8);
        try {
            open("/");

            // when
            wait.until(ExpectedConditions.elementToBeClickable(By.id("register-open")))
                    .click();
            type(By.id("register-username"), username);
            type(By.id("register-password"), "visitor-password-1234");
            browser.findElement(By.id("register-submit")).click();

            // then
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), username + " · USER"));
            // the list of users is a projection a few milliseconds behind the commands (ADR 12)
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() ->
                            admin.get("/api/v1/users?size=500").raw().body().contains(username));
        } finally {
            admin.put("/api/v1/settings/registration", Map.of("mode", mode));
        }
    }

    @Test
    void givenEnglishBrowser_whenSwitchingToChinese_thenThePagesAreInChineseAndTheChoiceIsRemembered() {
        // given
        signIn("root", ROOT_PASSWORD);
        assertThat(text(By.id("nav-channels"))).isEqualTo("Channels");

        // when
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("zh-CN");

        // then
        wait.until(ExpectedConditions.textToBe(By.id("nav-channels"), "渠道"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("zh-CN");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("nav-keys"), "令牌"));
        awaitText(By.id("main"), "余额", "dashboard");
        screenshot("zh-dashboard");
        go("channels");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("channel-form")));
        screenshot("zh-channels");
        go("keys");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        screenshot("zh-keys");
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("nav-keys"), "Keys"));
    }

    @Test
    void givenTheSignInPage_whenUsingOnlyTheKeyboard_thenEveryControlIsLabelledAndAWrongPasswordIsAnnounced() {
        // given
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));

        // then: each control has a label that names it
        for (WebElement control : browser.findElements(By.cssSelector("input, select, textarea"))) {
            String id = control.getDomAttribute("id");
            assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']")))
                    .as(id)
                    .hasSize(1);
        }

        // when: tab from the user name to the password and submit with Enter
        assertThat(browser.switchTo().activeElement()).isEqualTo(username);
        username.sendKeys("root", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("not-the-password", Keys.ENTER);

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.error"), "Error"));
        assertThat(browser.findElement(By.cssSelector(".notice.error")).getDomAttribute("role"))
                .isEqualTo("status");
        assertThat(browser.findElements(By.id("sign-out"))).isEmpty();
    }

    @Test
    void givenEveryPage_whenCheckedWithAxeCore_thenNoSeriousOrCriticalViolation() throws IOException {
        // given
        String axe;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> found = new ArrayList<>(axeViolations(axe, "login"));
        signIn("root", ROOT_PASSWORD);

        // when
        for (String page : List.of(
                "dashboard",
                "channels",
                "keys",
                "prices",
                "redemptions",
                "redeem",
                "usage",
                "ledger",
                "users",
                "organizations",
                "audit",
                "settings",
                "account")) {
            go(page);
            wait.until(d -> d.findElements(By.cssSelector("main h1")).size() == 1
                    && d.findElements(By.cssSelector("main table, main .empty, main form"))
                                    .size()
                            > 0);
            found.addAll(axeViolations(axe, page));
        }

        // then
        assertThat(found).isEmpty();
    }

    /** Runs axe-core (WCAG 2 A and AA rules) on the page; the serious and critical violations, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations(String axe, String page) {
        JavascriptExecutor js = browser;
        js.executeScript(axe);
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: String(e)}]));");
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> page + ": " + v.get("id") + " (" + v.get("impact") + ") at " + v.get("nodes"))
                .toList();
    }

    private HttpResponse<String> relay(String key, String model) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"1+1=?\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
