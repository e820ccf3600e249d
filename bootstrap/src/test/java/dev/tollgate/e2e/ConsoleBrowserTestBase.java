package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console's browser tests: one headless Chromium per class against the running Tollgate, a fresh start (no
 * cookies, no stored language) before each test, no script error or CSP violation after it, and the helpers every
 * console test uses. Screenshots go to {@code target/console/}.
 */
abstract class ConsoleBrowserTestBase extends EndToEndTestBase {
    private static final Pattern MAILED_CODE = Pattern.compile("\\n {4}([A-Za-z0-9]{32})\\n");

    /** The code in the newest mail to this address, waiting up to 10 s for it to arrive. */
    static String codeMailedTo(String address) throws MessagingException {
        MimeMessage newest = newestMailTo(address);
        for (int tries = 0; newest == null && tries < 100; tries++) {
            SMTP.waitForIncomingEmail(100, SMTP.getReceivedMessages().length + 1);
            newest = newestMailTo(address);
        }
        assertThat(newest).as("a mail to %s", address).isNotNull();
        Matcher code = MAILED_CODE.matcher(GreenMailUtil.getBody(newest).replace("\r\n", "\n"));
        assertThat(code.find()).as(GreenMailUtil.getBody(newest)).isTrue();
        return code.group(1);
    }

    private static MimeMessage newestMailTo(String address) throws MessagingException {
        MimeMessage newest = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                newest = m;
            }
        }
        return newest;
    }

    private static final Path SCREENSHOTS = Path.of("target", "console");
    static ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        HeadlessChromium.requireInstalled();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshStart() {
        // the pages are rebuilt on navigation: an element found a moment ago may be gone, so look again
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        open("/");
        browser.manage().deleteAllCookies();
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        open("/");
    }

    @AfterEach
    void noScriptErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // a refused request (401 before sign-in, 403/404 asked for on purpose) is logged by the browser
                .filter(e -> !e.getMessage().contains("Failed to load resource"))
                .toList();
        assertThat(severe).as("console errors (CSP violations, script errors)").isEmpty();
    }

    void signIn(String username, String password) {
        open("/");
        type(By.id("login-username"), username);
        type(By.id("login-password"), password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    void go(String page) {
        browser.findElement(By.id("nav-" + page)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-" + page), "aria-current", "page"));
    }

    /** Waits for text to show on the page, reloading it: usage is recorded a moment after the answer. */
    void awaitText(By where, String expected, String page) {
        new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> found = d.findElements(where);
                    if (!found.isEmpty() && found.get(0).getText().contains(expected)) {
                        return true;
                    }
                    d.navigate().refresh();
                    wait.until(ExpectedConditions.attributeToBe(By.id("nav-" + page), "aria-current", "page"));
                    return false;
                });
    }

    void type(By field, String text) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(field)).sendKeys(text);
    }

    void setDate(By field, LocalDate date) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        browser.findElement(field),
                        date.format(DateTimeFormatter.ISO_LOCAL_DATE));
    }

    String text(By where) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(where)).getText();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
