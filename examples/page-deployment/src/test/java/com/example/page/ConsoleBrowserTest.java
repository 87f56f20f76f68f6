package com.example.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The emulator's console in a real browser against the example deployment (all four apps, the embedded
 * emulator, loopback ports): a person taps the Click-to-Message ad and picks a quick reply, and the page
 * itself shows the owner moving from marketing to default, the standby copies in the webhook log, the
 * Inbox taking over and an agent's Done giving the thread back. Saves the README's screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private DemoPage demo;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        demo = DemoPage.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void adTapQuickReplyEscalationAndDoneAreShownLive() throws Exception {
        WebDriver driver = chromium.driver();
        WebDriverWait wait = chromium.waiting();
        driver.get(demo.emulator.consoleUrl() + "#person=9100");
        wait.until(ExpectedConditions.textToBe(By.id("live-text"), "live"));

        driver.findElement(By.cssSelector("#ad-details summary")).click();
        assertThat(driver.findElement(By.id("ad-id")).getAttribute("value")).isEqualTo("120210000000000001");
        assertThat(selectedText(driver, "ad-app")).isEqualTo("marketing");
        driver.findElement(By.id("ad-tap")).click();

        wait.until(ExpectedConditions.textToBe(By.id("owner-badge"), "marketing"));
        WebElement talk = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//div[@id='quick-replies']/button[normalize-space()='Talk to us']")));
        assertThat(driver.findElement(By.cssSelector("#messages .event-line[data-kind='ad']")).getText())
                .contains("120210000000000001");
        assertThat(driver.findElement(By.cssSelector("#messages .msg.page .sender")).getText()).isEqualTo("marketing");
        chromium.screenshot("console-ad-tap.png");

        talk.click();
        wait.until(ExpectedConditions.textToBe(By.id("owner-badge"), "default"));
        wait.until(driver1 -> timelineText(driver1).contains("marketing\n→\ndefault"));
        // Webhook log: the default app watched the marketing conversation on standby before it got control.
        String defaultApp = demo.appId("default");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#log-rows tr[data-app-id='" + defaultApp + "'] .pill.standby")));
        // The log re-renders live: a row found a moment ago may be replaced before it is read, so read again.
        wait.ignoring(StaleElementReferenceException.class).until(driver1 -> {
            List<WebElement> standbyRows = driver1.findElements(By.xpath(
                    "//tbody[@id='log-rows']/tr[.//span[contains(@class,'standby') and text()='standby']]"));
            return !standbyRows.isEmpty() && standbyRows.get(0).getText().contains("200");
        });
        // The default app greets after the handover; its bubble is labelled with its name.
        wait.until(driver1 -> driver1.findElements(By.cssSelector("#messages .msg.page[data-app-id='" + defaultApp + "']"))
                .size() > 0);

        WebElement composer = driver.findElement(By.id("composer-text"));
        composer.sendKeys("I want a human", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("owner-badge"), "Page Inbox"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("inbox-done")));
        driver.findElement(By.id("inbox-text")).sendKeys("Hi, Anna from the team here. Sorted!", Keys.ENTER);
        wait.until(driver1 -> driver1.findElements(By.cssSelector("#messages .msg.page.inbox")).size() > 0);

        driver.findElement(By.id("inbox-done")).click();
        wait.until(ExpectedConditions.textToBe(By.id("owner-badge"), "default"));
        wait.until(driver1 -> timelineText(driver1).contains("Page Inbox\n→\ndefault"));
        assertThat(timelineText(driver)).contains("Inbox: Done");
        // The default app's after-human text arrives once it has the thread back.
        wait.until(driver1 -> driver1.findElement(By.id("messages")).getText().contains("Our team has finished here"));
        chromium.screenshot("console.png");

        WebElement firstBody = driver.findElement(By.cssSelector("#log-rows tr[data-app-id='" + defaultApp + "'] button"));
        firstBody.click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#log-detail pre.body")));
        assertThat(detail.getText()).contains("\"object\" : \"page\"");
        assertThat(driver.findElement(By.id("log-detail")).getText()).contains("X-Hub-Signature-256").contains("sha256=");
        chromium.screenshot("console-webhook-body.png");
    }

    @Test
    void keyboardAloneReachesTheComposerAndEnterSends() {
        WebDriver driver = chromium.driver();
        WebDriverWait wait = chromium.waiting();
        driver.get(demo.emulator.consoleUrl() + "#person=9200");
        wait.until(ExpectedConditions.textToBe(By.id("live-text"), "live"));
        wait.until(ExpectedConditions.textToBe(By.id("chat-title"), "Person 9200"));

        driver.findElement(By.tagName("body")).click();
        int tabs = 0;
        while (!"composer-text".equals(activeId(driver))) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
            tabs++;
            assertThat(tabs).as("Tab presses before the composer is focused").isLessThan(60);
        }
        driver.switchTo().activeElement().sendKeys("hello there", Keys.ENTER);
        wait.until(driver1 -> driver1.findElements(By.xpath(
                "//div[@id='messages']//div[contains(@class,'person')]/div[@class='bubble' and text()='hello there']")).size() == 1);
        // The default app answers the new person; the composer keeps the focus for the next line.
        wait.until(ExpectedConditions.textToBe(By.id("owner-badge"), "default"));
        wait.until(driver1 -> driver1.findElements(By.cssSelector("#messages .msg.page")).size() > 0);
        assertThat(activeId(driver)).isEqualTo("composer-text");
        assertThat(driver.findElement(By.id("composer-text")).getAttribute("value")).isEmpty();
    }

    @Test
    void everyControlHasALabel() {
        WebDriver driver = chromium.driver();
        driver.get(demo.emulator.consoleUrl());
        chromium.waiting().until(ExpectedConditions.textToBe(By.id("live-text"), "live"));
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const named = (el) => (el.labels && el.labels.length > 0) || el.getAttribute('aria-label')
                    || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim())
                    || (el.tagName === 'SUMMARY' && el.textContent.trim());
                return [...document.querySelectorAll('input, select, textarea, button, summary')]
                    .filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 120));
                """);
        assertThat(unlabelled).isEmpty();
    }

    private static String selectedText(WebDriver driver, String id) {
        return new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).getFirstSelectedOption().getText();
    }

    private static String timelineText(WebDriver driver) {
        return driver.findElement(By.id("timeline")).getText();
    }

    private static String activeId(WebDriver driver) {
        return driver.switchTo().activeElement().getAttribute("id");
    }
}
