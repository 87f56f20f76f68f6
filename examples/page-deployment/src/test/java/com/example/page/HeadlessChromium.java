package com.example.page;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium with both paths given, so Selenium Manager never looks for or downloads a driver. Without them a
 * test is skipped, saying how to install them; under {@code CI=true} it fails instead, since CI installs them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips (fails under CI) when it is not installed. */
    static HeadlessChromium startOrSkip() throws IOException {
        Path browser = Path.of(setting("BATON_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(setting("BATON_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(browser) || !Files.isExecutable(chromedriver)) {
            String message = "browser tests need Chromium and its driver at " + browser + " and " + chromedriver
                    + " (Debian: " + INSTALL + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI=true, so a missing browser fails the run (.ci/run installs them)");
            }
            Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory("baton-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1600,1100",
                "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    WebDriver driver() {
        return driver;
    }

    /** A wait generous enough for a loaded two-core machine. */
    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    /** Saves a PNG of the window into the repository's {@code docs/images/}. */
    void screenshot(String name) throws IOException {
        Path images = repositoryRoot().resolve("docs/images");
        Files.createDirectories(images);
        Files.write(images.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve(".ci"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no repository root (a folder with .ci/) above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
