package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The channel and key forms in full and the lists' search bars, in headless Chromium: a channel with several keys, a
 * model mapping, priority and weight, a concurrency cap, a time-out and a header; its models fetched from its
 * upstream; every channel of a search tested at once; a key with subnets and RPM/TPM limits; keys and users found by
 * their search bars.
 */
class ConsoleChannelsAndKeysBrowserEndToEndTest extends ConsoleBrowserTestBase {
    private HttpServer modelsOnly;

    @BeforeEach
    void startModelsProvider() throws IOException {
        // a provider that lists its models and answers nothing else (its chat test fails with 404)
        modelsOnly = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        modelsOnly.createContext("/", exchange -> {
            boolean models = exchange.getRequestURI().getPath().equals("/v1/models");
            byte[] body = (models
                            ? "{\"object\":\"list\",\"data\":[{\"id\":\"deepseek-reasoner\"},"
                                    + "{\"id\":\"deepseek-chat\"}]}"
                            : "{\"error\":{\"message\":\"no such path\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(models ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        modelsOnly.start();
    }

    @AfterEach
    void stopModelsProvider() {
        modelsOnly.stop(0);
    }

    private JsonNode channelNamed(String name) {
        for (JsonNode c : admin.get("/api/v1/channels?q=" + name).json().get("items")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    @Test
    void givenRoot_whenAddingAChannelWithEverySettingAndFetchingItsModels_thenTheApiHoldsThemAndTestAllReportsEach() {
        // given
        String prefix = uniqueModel("console-ch");
        String name = prefix + "-ds";
        signIn("root", ROOT_PASSWORD);
        go("channels");

        // when: a DeepSeek channel with two keys, a mapping, priority, weight, a cap, a time-out and a header
        type(By.id("ch-name"), name);
        new Select(browser.findElement(By.id("ch-type"))).selectByValue("deepseek");
        type(By.id("ch-base-url"), "http://127.0.0.1:" + modelsOnly.getAddress().getPort());
        type(By.id("ch-keys"), "sk-first-key\nsk-second-key");
        type(By.id("ch-models"), "placeholder-model");
        type(By.id("ch-model-mapping"), "gpt-4o=deepseek-chat");
        browser.findElement(By.id("ch-priority")).clear();
        type(By.id("ch-priority"), "5");
        browser.findElement(By.id("ch-weight")).clear();
        type(By.id("ch-weight"), "2");
        type(By.id("ch-max-concurrency"), "4");
        type(By.id("ch-firstByteTimeout"), "20");
        type(By.id("ch-headers"), "X-Tenant: acme");
        type(By.id("ch-options"), "note=console");
        browser.findElement(By.id("ch-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), name));

        // then
        JsonNode channel = channelNamed(name);
        assertThat(channel.get("keys")).hasSize(2);
        assertThat(channel.get("modelMapping").get("gpt-4o").asText()).isEqualTo("deepseek-chat");
        assertThat(channel.get("priority").asInt()).isEqualTo(5);
        assertThat(channel.get("weight").asInt()).isEqualTo(2);
        assertThat(channel.get("maxConcurrency").asInt()).isEqualTo(4);
        assertThat(channel.get("options").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("firstByteTimeout", "header.X-Tenant", "note");
        assertThat(channel.get("options").get("firstByteTimeout").asText()).isEqualTo("PT20S");
        assertThat(channel.get("options").get("header.X-Tenant").asText()).isEqualTo("acme");

        // when: found by the search bar (the list holds every test's channels), edited, its models fetched from the
        // upstream, the cap cleared, and saved
        type(By.id("channel-search-q"), name);
        browser.findElement(By.id("channel-search-apply")).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("button[data-action=edit][data-name='" + name + "']")))
                .click();
        assertThat(browser.findElement(By.id("ch-firstByteTimeout")).getDomProperty("value"))
                .isEqualTo("20");
        assertThat(browser.findElement(By.id("ch-headers")).getDomProperty("value"))
                .isEqualTo("X-Tenant: acme");
        browser.findElement(By.id("ch-fetch-models")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("ch-models"), "value", "deepseek-chat, deepseek-reasoner"));
        browser.findElement(By.id("ch-max-concurrency")).clear();
        browser.findElement(By.id("ch-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), name + "\" saved"));

        // then: the keys kept, the models those of the upstream, the cap gone
        channel = channelNamed(name);
        assertThat(channel.get("keys")).hasSize(2);
        assertThat(channel.get("models"))
                .extracting(JsonNode::asText)
                .containsExactly("deepseek-chat", "deepseek-reasoner");
        assertThat(channel.get("maxConcurrency").isNull()).isTrue();

        // when: a second channel on the healthy upstream, the list searched, and every channel found tested
        admin.createChannel(prefix + "-ok", UPSTREAM.baseUrl(), uniqueModel("console-ok"), 0, 1, Map.of());
        browser.findElement(By.id("channel-search-q")).clear();
        type(By.id("channel-search-q"), prefix);
        browser.findElement(By.id("channel-search-apply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#channel-list tbody tr")).size() == 2);
        browser.findElement(By.id("ch-test-all")).click();

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "1 of 2"));
        List<String> rows = browser.findElements(By.cssSelector("#channel-tests tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(prefix + "-ok", "OK", "200"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(name, "failed", "404"));
        screenshot("en-channels-test-all");
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("channel-form")));
        // the list re-rendered in Chinese from its first page: any channel's form shows the labels
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-action=edit]")))
                .click();
        screenshot("zh-channel-form");
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("en");
    }

    @Test
    void givenRoot_whenCreatingAKeyWithSubnetsAndLimits_thenTheApiHoldsThemAndTheSearchBarsFindKeysAndUsers() {
        // given
        String prefix = uniqueModel("console-key");
        admin.createToken(Map.of("name", prefix + "-other", "quota", 1000));
        TwoOrganisations.person(admin, port, prefix + "-user", "USER");
        TwoOrganisations.person(admin, port, prefix + "-ops", "ADMIN");
        signIn("root", ROOT_PASSWORD);
        go("keys");

        // when
        type(By.id("key-name"), prefix + "-app");
        type(By.id("key-models"), "deepseek-chat");
        type(By.id("key-subnets"), "127.0.0.1/32, 10.0.0.0/8");
        type(By.id("key-rpm"), "60");
        type(By.id("key-tpm"), "10000");
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));

        // then
        JsonNode key = admin.get("/api/v1/tokens?q=" + prefix + "-app")
                .json()
                .get("items")
                .get(0);
        assertThat(key.get("subnets")).extracting(JsonNode::asText).containsExactly("127.0.0.1/32", "10.0.0.0/8");
        assertThat(key.get("rpm").asLong()).isEqualTo(60);
        assertThat(key.get("tpm").asLong()).isEqualTo(10000);
        assertThat(key.get("models")).extracting(JsonNode::asText).containsExactly("deepseek-chat");

        // when: the key list is searched
        type(By.id("key-search-q"), prefix + "-app");
        browser.findElement(By.id("key-search-apply")).click();

        // then
        wait.until(d -> d.findElements(By.cssSelector("#key-list tbody tr")).size() == 1);
        assertThat(text(By.id("key-list")))
                .contains(prefix + "-app", "60 RPM", "127.0.0.1/32")
                .doesNotContain(prefix + "-other");
        screenshot("en-keys-search");

        // when: the user list is searched by name and role
        go("users");
        type(By.id("user-search-q"), prefix);
        new Select(browser.findElement(By.id("user-search-role"))).selectByValue("ADMIN");
        browser.findElement(By.id("user-search-apply")).click();

        // then
        wait.until(d -> d.findElements(By.cssSelector("#user-list tbody tr")).size() == 1);
        assertThat(text(By.id("user-list"))).contains(prefix + "-ops").doesNotContain(prefix + "-user");
    }

    @Test
    void givenAKeyWithAReminder_whenItIsEditedInTheConsole_thenTheNewThresholdAndOnlyTheChangedFieldsAreSaved() {
        // given: a limited key with an RPM limit and a low-balance reminder at 100 units, set through the API
        String name = uniqueModel("console-key-edit");
        String id = admin.createToken(Map.of("name", name, "quota", 5000, "rpm", 60))
                .get("id")
                .asText();
        String settings = "/api/v1/tokens/" + id + "/notification-settings";
        assertThat(admin.put(settings, Map.of("balanceThreshold", 100)).status())
                .isEqualTo(200);
        signIn("root", ROOT_PASSWORD);
        go("keys");
        type(By.id("key-search-q"), name);
        browser.findElement(By.id("key-search-apply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#key-list tbody tr")).size() == 1);

        // when: the key is edited: the reminder raised to 2,000 units and the RPM limit removed
        browser.findElement(By.cssSelector("#key-list button[data-action=edit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-form-title"), name));
        WebElement remind = browser.findElement(By.id("key-remind"));
        wait.until(d -> "100".equals(remind.getDomProperty("value")));
        assertThat(browser.findElement(By.id("key-quota")).getDomProperty("value"))
                .isEqualTo("5000");
        assertThat(browser.findElement(By.id("key-rpm")).getDomProperty("value"))
                .isEqualTo("60");
        remind.clear();
        remind.sendKeys("2000");
        browser.findElement(By.id("key-rpm")).clear();
        screenshot("en-key-edit");
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "saved"));

        // then
        assertThat(admin.get(settings).json().get("balanceThreshold").asLong()).isEqualTo(2000);
        JsonNode key = admin.get("/api/v1/tokens/" + id).json();
        assertThat(key.get("rpm").isNull()).isTrue();
        assertThat(key.get("quota").asLong()).isEqualTo(5000);
        assertThat(key.get("name").asText()).isEqualTo(name);
        assertThat(text(By.id("key-form-title"))).isEqualTo("Create a key");

        // when: edited again in Chinese, the reminder emptied
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-form-title"), "创建令牌"));
        type(By.id("key-search-q"), name);
        browser.findElement(By.id("key-search-apply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#key-list tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("#key-list button[data-action=edit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-form-title"), "编辑令牌"));
        WebElement again = browser.findElement(By.id("key-remind"));
        wait.until(d -> "2000".equals(again.getDomProperty("value")));
        screenshot("zh-key-edit");
        again.clear();
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "已保存"));

        // then: the key is no longer watched, the rest unchanged
        JsonNode unwatched = admin.get(settings).json();
        assertThat(unwatched.get("balanceThreshold").isNull())
                .as(unwatched.toString())
                .isTrue();
        assertThat(admin.get("/api/v1/tokens/" + id).json().get("quota").asLong())
                .isEqualTo(5000);
        new Select(browser.findElement(By.id("lang-select"))).selectByValue("en");
    }

    @Test
    void givenABadSubnet_whenCreatingAKey_thenTheErrorIsShownAndTheFieldFocused() {
        // given
        signIn("root", ROOT_PASSWORD);
        go("keys");
        String name = uniqueModel("console-bad-subnet");

        // when
        type(By.id("key-name"), name);
        type(By.id("key-subnets"), "not-an-address");
        browser.findElement(By.id("key-submit")).click();

        // then
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.error"), "Error"));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("key-subnets");
        assertThat(admin.get("/api/v1/tokens?q=" + name).json().get("total").asInt())
                .isZero();
    }
}
