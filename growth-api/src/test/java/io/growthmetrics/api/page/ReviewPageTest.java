package io.growthmetrics.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.growthmetrics.api.domain.IsoWeek;
import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The weekly review page, served by growth-api at {@code /}, in a real headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs) over the real views: the seven KPIs, the dashboards, the calculator.
 */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class ReviewPageTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> SEVEN = List.of("Engineering Throughput", "NR Active Instances", "MQLs", "CARR Projected",
            "CARR Closed", "CARR Goal", "MRR");

    @TestHTTPResource("/")
    URL page;

    private WebDriver browser;

    @BeforeEach
    void dataAndBrowser() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate week = IsoWeek.of(today).monday();
        TestDatabase.clearInstallations();
        TestDatabase.clearSnapshots();
        TestDatabase.executeAll("TRUNCATE kpi_definition, kpi_weekly", """
                INSERT INTO kpi_definition (key, position, name, unit, kind, source, target_kind, target_value, target_kpi)
                VALUES ('engineeringThroughput', 1, 'Engineering Throughput', 'pull requests', 'flow',
                        'github.merged-pull-requests', 'wow-growth', 0, NULL),
                       ('nrActiveInstances', 2, 'NR Active Instances', 'instances', 'stock', 'installations.nr-instances',
                        'wow-growth', 10, NULL),
                       ('mqls', 3, 'MQLs', 'leads', 'flow', 'observations', 'wow-growth', 5, NULL),
                       ('carrProjected', 4, 'CARR Projected', 'USD', 'stock', 'revenue.carr-projected', 'kpi', NULL, 'carrGoal'),
                       ('carrClosed', 5, 'CARR Closed', 'USD', 'stock', 'revenue.carr-closed', 'kpi', NULL, 'carrGoal'),
                       ('carrGoal', 6, 'CARR Goal', 'USD', 'stock', 'revenue.carr-goal', 'none', NULL, NULL),
                       ('mrr', 7, 'MRR', 'USD', 'stock', 'revenue.mrr', 'wow-growth', 2, NULL)""");
        String[] rows = {
            "('engineeringThroughput', '%s', 31, 28, 10.71, 28.00, true)",
            "('nrActiveInstances', '%s', 1150, 1000, 15.00, 1100.00, true)",
            "('mqls', '%s', 40, 42, -4.76, 44.10, false)",
            "('carrProjected', '%s', 1500000.00, 1400000.00, 7.14, 2000000.00, false)",
            "('carrClosed', '%s', 1200000.00, 900000.00, 33.33, 2000000.00, false)",
            "('carrGoal', '%s', 2000000.00, 2000000.00, 0.00, NULL, NULL)",
            "('mrr', '%s', 51234.56, 50000.00, 2.47, 51000.00, true)"};
        StringBuilder insert = new StringBuilder("INSERT INTO kpi_weekly (kpi, week_start, value, previous_value, "
                + "wow_growth_pct, target_value, on_track) VALUES ");
        for (int i = 0; i < rows.length; i++) {
            insert.append(i > 0 ? "," : "").append(String.format(rows[i], week));
            insert.append(",").append(String.format(rows[i], week.minusWeeks(1)));
        }
        TestDatabase.executeAll(insert.toString());
        for (int d = 89; d >= 0; d--) {
            TestDatabase.insertDaily(today.minusDays(d), false, 300 + (89 - d), 600L + d, 900L + d, 3, 2);
        }
        TestDatabase.insertBreakdown(today, false, "driver", "docker", 200, 400, 500);
        TestDatabase.insertBreakdown(today, false, "os", "Linux", 350, 700, 800);
        TestDatabase.insertSnapshot(today.minusDays(1), "[]", "platform.instanceCount", "640", "mqtt.teams", "12");

        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The page is tested in Debian's headless Chromium: install chromium and "
                    + "chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1400,1800",
                "--user-data-dir=" + Files.createTempDirectory("review-page-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageShowsTheSevenKpisTheDashboardsAndTheCalculator() {
        browser.get(page.toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "true".equals(
                ((JavascriptExecutor) b).executeScript("return document.body.dataset.loaded")));

        List<WebElement> cards = browser.findElements(By.cssSelector("#kpis .card"));
        assertEquals(SEVEN, cards.stream().map(c -> c.findElement(By.tagName("h3")).getText()).toList());
        WebElement nr = browser.findElement(By.cssSelector("#kpis .card[data-key=nrActiveInstances]"));
        assertTrue(nr.getText().contains("1,150"), nr.getText());
        assertTrue(nr.getText().contains("+15.00 % WoW"), nr.getText());
        assertTrue(nr.getText().contains("on track"), nr.getText());
        WebElement mqls = browser.findElement(By.cssSelector("#kpis .card[data-key=mqls]"));
        assertTrue(mqls.getText().contains("off track"), mqls.getText());
        WebElement mrr = browser.findElement(By.cssSelector("#kpis .card[data-key=mrr]"));
        assertTrue(mrr.getText().contains("51,234.56"), mrr.getText());
        // a sparkline per KPI with two weeks of data: uPlot draws into a canvas
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b ->
                b.findElements(By.cssSelector("#kpis .card .spark canvas")).size() == SEVEN.size());

        assertEquals(1, browser.findElements(By.cssSelector("#chart-installations canvas")).size());
        assertEquals(1, browser.findElements(By.cssSelector("#chart-instances canvas")).size());
        assertEquals(1, browser.findElements(By.cssSelector("#chart-churn canvas")).size());
        assertTrue(browser.findElement(By.id("by-driver")).getText().contains("docker"));
        assertTrue(browser.findElement(By.id("by-os")).getText().contains("Linux"));
        assertTrue(browser.findElement(By.id("snapshot")).getText().contains("platform.instanceCount"));

        assertEquals("14,204.29", browser.findElement(By.id("calc-end-value")).getText());
        assertEquals("142.04", browser.findElement(By.id("calc-end-multiple")).getText());
        assertEquals(1, browser.findElements(By.cssSelector("#chart-calc canvas")).size());
        assertTrue(browser.findElement(By.cssSelector("#handbook tr[data-pct='10']")).getText().contains("14,204.29"));
        assertTrue(browser.findElement(By.cssSelector("#handbook tr[data-pct='20']")).getText().contains("1,310,463.09"));

        // the other two modes, by hand
        WebElement rate = browser.findElement(By.id("calc-rate"));
        rate.findElement(By.name("end")).clear();
        rate.findElement(By.name("end")).sendKeys("14204.29");
        rate.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b ->
                "10.00".equals(b.findElement(By.id("calc-rate-value")).getText()));
        browser.findElement(By.cssSelector("#calc-weeks button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b ->
                "48".equals(b.findElement(By.id("calc-weeks-value")).getText()));
        assertEquals("", browser.findElement(By.id("status")).getAttribute("class"), "no error shown");
        // for people: what the page looked like (target/review-page.png)
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        try {
            Files.write(Path.of("target", "review-page.png"), png);
        } catch (java.io.IOException e) {
            // only a picture
        }
    }
}
