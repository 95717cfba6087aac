package dev.agentqueue.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium logged in to the dashboard as one role's IT user, driven through the system's chromedriver
 * (paths from the system properties {@code agentqueue.it.chromium} and {@code agentqueue.it.chromedriver}). Every
 * request of the page carries that user's HTTP Basic credentials, as a browser does once its user has logged in.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final URI dashboard;

    private Browser(ChromeDriver driver, URI dashboard) {
        this.driver = driver;
        this.dashboard = dashboard;
    }

    /** Starts a browser for the dashboard at {@code dashboard}, logged in as {@code role}'s user. */
    public static Browser as(Role role, URI dashboard) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(property("agentqueue.it.chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(property("agentqueue.it.chromium"))
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-GB");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", role.authorization())));
        return new Browser(driver, dashboard);
    }

    /** Opens a view of the dashboard, such as {@code #/dlq}. */
    public Browser open(String hash) {
        driver.get(dashboard.resolve(hash).toString());
        return this;
    }

    /**
     * Waits until {@code condition} holds a non-null, non-false value and returns it. A condition that meets an
     * element the live page has just replaced is tried again.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for an element and clicks it, finding it again if the live page replaces it meanwhile. */
    public void click(By element) {
        await("a click on " + element, d -> {
            d.findElement(element).click();
            return true;
        });
    }

    /** Waits for an element and returns it. */
    public WebElement await(By element) {
        return await(
                "an element " + element,
                d -> d.findElements(element).stream().findFirst().orElse(null));
    }

    /** Returns the elements the page shows now. */
    public List<WebElement> all(By elements) {
        return driver.findElements(elements);
    }

    /** Saves what the window shows as {@code name}.png in the directory named by {@code agentqueue.it.screenshots}. */
    public Path screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of(property("agentqueue.it.screenshots")));
            Path target = directory.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the ITs through Maven");
        }
        return value;
    }
}
