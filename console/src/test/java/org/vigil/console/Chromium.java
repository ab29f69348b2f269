package org.vigil.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded browser), at a laptop's
 * screen size, saving named screenshots under target/screenshots.
 */
final class Chromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Function<String, String> codes;

    /** {@code codes}: a user's two-factor code now (their {@link Phone}), for the code page at sign-in. */
    Chromium(Path profileDir, Function<String, String> codes) throws IOException {
        this.codes = codes;
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1366,900", "--user-data-dir=" + profileDir.toAbsolutePath(),
                // the console's own CA is not in this throwaway profile; HTTPS tests check the chain themselves
                "--ignore-certificate-errors");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Signs in and waits for the page the console lands on, so the next navigation cannot race the redirect. Whoever
     * was signed in before (on this console or another on 127.0.0.1) is forgotten first, so a test needs no earlier
     * test's session and leaves none that matters. A user with two-factor sign-in on types the code from their phone.
     */
    void signIn(String base, String username, String password) {
        signIn(base, username, password, codes);
    }

    /** As {@link #signIn(String, String, String)} on another console than the fixture's: its data dir holds the code. */
    void signIn(String base, String username, String password, Path consoleDataDir) {
        signIn(base, username, password, user -> Phone.freshCode(consoleDataDir, user));
    }

    /** On the code page of a two-factor sign-in, types the user's code and waits for the page it leads to. */
    void typeTwoFactorCode(String code) {
        waitUntilTitle(title -> title.startsWith("Two-factor sign-in"));
        driver.findElement(By.name("code")).sendKeys(code, Keys.ENTER);
        waitUntilTitle(title -> !title.startsWith("Two-factor sign-in"));
    }

    private void signIn(String base, String username, String password, Function<String, String> codes) {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        waitUntilTitle(title -> !title.startsWith("Sign in"));
        if (driver.getCurrentUrl().contains("/login/code")) {
            typeTwoFactorCode(codes.apply(username));
        }
    }

    void signOut() {
        driver.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitForTitle("Sign in · Vigil");
    }

    void waitForTitle(String prefix) {
        waitUntilTitle(title -> title.startsWith(prefix));
    }

    private void waitUntilTitle(Predicate<String> test) {
        new WebDriverWait(driver, WAIT).until(d -> test.test(d.getTitle()));
    }

    void waitForText(String css, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(css), text));
    }

    /** The element once the page holding it has loaded (ignoring errors from the page being replaced). */
    WebElement settled(By locator) {
        return new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class).until(d -> d.findElement(locator));
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
