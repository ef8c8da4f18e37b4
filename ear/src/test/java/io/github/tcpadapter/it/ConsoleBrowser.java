package io.github.tcpadapter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its own chromedriver (never a download: Selenium Manager stays off).
 * System property {@code console.browser}: {@code auto} runs the browser tests where the driver is installed and
 * skips them elsewhere, {@code required} fails without it, {@code off} skips them.
 */
final class ConsoleBrowser {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

    private ConsoleBrowser() {
    }

    /** Skips the calling test, saying how to enable it, unless the browser is there or required. */
    static void assumeAvailable() {
        String mode = System.getProperty("console.browser", "auto");
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(mode)) {
            if (!installed) {
                throw new IllegalStateException("console.browser=required, but " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing: apt-get install chromium chromium-driver");
            }
            return;
        }
        Assumptions.assumeTrue(!"off".equals(mode) && installed, "Console browser tests skipped: "
                + ("off".equals(mode) ? "console.browser=off" : "no " + CHROMEDRIVER)
                + ". To run them: apt-get install chromium chromium-driver (Debian), then mvn verify; "
                + "-Dconsole.browser=required makes them mandatory");
    }

    static ChromeDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network beyond the test server: Chromium's background services would only be refused
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
