package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live console in a real browser, as an engineer uses it against the sample: the listeners, a client's session
 * appearing, its frames in the live view, a frame pushed from the page, a request through the backend's factory,
 * and the session closed from the page. Screenshots under {@code target/console-screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {

    private static final String CONSOLE = SampleEar.HTTP_HOST + "/console/";
    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    private ChromeDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        return SampleEar.withPorts(ECHO_PORT, GATEWAY_PORT, backend.port());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
        ConsoleUsers.ensureCreated();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ConsoleBrowser.assumeAvailable(); // here rather than before all, so that the report counts it skipped
        browser = ConsoleBrowser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void watchesASessionSendsToItAndClosesIt() throws Exception {
        // signing in is a page of its own: the browser keeps the credentials for the console's requests
        browser.get("http://" + ConsoleUsers.OPERATOR + ":" + ConsoleUsers.PASSWORD + "@" + CONSOLE + "login");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), ConsoleUsers.OPERATOR));
        WebElement echo = wait.until(ExpectedConditions.presenceOfElementLocated(listenerRow(ECHO_PORT)));
        assertThat(echo.getText()).contains(String.valueOf(ECHO_PORT), "EchoListener", "LINE");
        assertThat(browser.findElements(By.cssSelector("#listeners tr[data-port]"))).hasSizeGreaterThanOrEqualTo(4);
        ConsoleBrowser.screenshot(browser, "1-listeners");

        try (LineClient client = new LineClient(ECHO_PORT)) {
            echo.click();
            // the sessions come from the stream that captures this listener's frames: from now on none is missed
            WebElement session = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table[@id='sessions']//tr[@data-session][contains(., ':" + client.localPort()
                            + "')]")));
            String sessionId = session.getAttribute("data-session");
            assertThat(sessionId).startsWith(ECHO_PORT + "-");

            assertThat(client.request("hello from the device")).isEqualTo("ok: hello from the device");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#frames .frame[data-direction='IN'] .frame-text"), "hello from the device"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#frames .frame[data-direction='OUT'] .frame-text"), "ok: hello from the device"));
            assertThat(browser.findElement(By.cssSelector("#frames .frame[data-direction='IN'] .frame-hex")).getText())
                    .startsWith("68 65 6c 6c 6f");
            ConsoleBrowser.screenshot(browser, "2-frames");

            sessionRow(sessionId).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("send-target"), sessionId));
            new Select(browser.findElement(By.id("send-mode"))).selectByValue("text");
            browser.findElement(By.id("send-data")).sendKeys("pushed from the page");
            browser.findElement(By.id("send-button")).click();
            assertThat(client.readLine()).isEqualTo("pushed from the page");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("send-result"), "sent"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#frames .frame[data-direction='OUT']:last-child .frame-text"),
                    "pushed from the page"));

            new Select(browser.findElement(By.id("request-factory"))).selectByValue(SampleEar.CONSOLE_FACTORY);
            browser.findElement(By.id("request-data")).sendKeys("ping[21]");
            browser.findElement(By.id("request-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-result"), "echo: ping!"));
            ConsoleBrowser.screenshot(browser, "3-sent");

            sessionRow(sessionId).findElement(By.className("close-session")).click();
            assertThat(client.closedByServer()).isTrue();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(sessionRowLocator(sessionId)));
            ConsoleBrowser.screenshot(browser, "4-closed");
        }
    }

    private static By listenerRow(int port) {
        return By.cssSelector("#listeners tr[data-port='" + port + "']");
    }

    private static By sessionRowLocator(String sessionId) {
        return By.cssSelector("#sessions tr[data-session='" + sessionId + "']");
    }

    private WebElement sessionRow(String sessionId) {
        return browser.findElement(sessionRowLocator(sessionId));
    }
}
