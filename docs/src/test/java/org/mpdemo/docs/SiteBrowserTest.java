package org.mpdemo.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Every page of the built site, rendered in headless Chromium through Selenium and Debian's chromedriver: it has
 * content, every picture on it loaded, and a screenshot of it is not blank. Screenshots of the index, a topic page
 * and the races page are kept in target/screenshots for a person to look at.
 *
 * <p>Without Chromium the test is skipped, saying so; under CI ({@code CI=true}) a missing Chromium fails it,
 * since .ci/run installs one.
 */
class SiteBrowserTest {
    static final List<String> KEPT = List.of("index.html", "lock.html", "races.html");
    static ChromeDriver browser;
    static Path site;
    static Path profile;

    static Optional<Path> executable(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void browser() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("mpdemo.site.skip"), "the site was not built (mpdemo.site.skip)");
        site = Path.of(System.getProperty("mpdemo.site", "target/site")).toAbsolutePath();
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "no " + (chromium.isEmpty() ? "chromium" : "chromedriver") + " on the PATH (Debian: apt "
                    + "install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) fail("the browser test cannot run: " + missing);
            Assumptions.abort("browser test skipped: " + missing);
        }
        profile = Files.createTempDirectory("mpdemo-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile());
        // headless as root in a closed network: no sandbox, and no background connections to refuse
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void close() throws IOException {
        if (browser != null) browser.quit();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void everyPageHasContentEveryPictureLoadsAndAScreenshotIsNotBlank() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(site)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
        Path shots = site.resolveSibling("screenshots");
        Files.createDirectories(shots);
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            String name = page.getFileName().toString();
            browser.get(page.toUri().toString());
            JavascriptExecutor js = browser;
            long text = (Long) js.executeScript("return document.body.innerText.trim().length");
            if (text < 200) problems.add(name + ": only " + text + " characters of text");
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) js.executeScript("return Array.from(document.images)"
                    + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))");
            for (String src : broken) problems.add(name + ": the picture " + src + " did not load");
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            double inked = inked(ImageIO.read(new ByteArrayInputStream(png)));
            if (inked < 0.01) problems.add(name + ": the screenshot is blank (" + inked + " of it drawn)");
            if (KEPT.contains(name)) Files.write(shots.resolve(name.replace(".html", ".png")), png);
        }
        assertEquals(List.of(), problems, pages.size() + " pages rendered");
    }

    /** The share of pixels that differ from the top-left one, the page's background. */
    static double inked(BufferedImage image) {
        int background = image.getRGB(0, 0);
        long differ = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if (image.getRGB(x, y) != background) differ++;
            }
        }
        return differ / ((image.getHeight() / 2.0) * (image.getWidth() / 2.0));
    }
}
