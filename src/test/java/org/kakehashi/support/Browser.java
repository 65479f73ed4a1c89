package org.kakehashi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with an accessibility check (axe-core) on every page a
 * test visits: serious and critical violations fail the test.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final WebDriver driver;
	private final String base;

	private Browser(WebDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/** Skips (does not fail) when Chromium is not installed; .ci/run installs it. */
	public static Browser open(String base, String language) {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--window-size=1280,1000", "--lang=" + language);
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
		var driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, base);
	}

	public Browser go(String pathOrUrl) {
		driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
		return checked();
	}

	/** Runs axe-core on the current page; serious or critical findings fail with their rule and nodes. */
	public Browser checked() {
		var results = analyze();
		var serious = results.getViolations().stream()
			.filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
			.toList();
		assertThat(serious).as(() -> "accessibility violations on " + driver.getCurrentUrl() + ":\n" + describe(serious)).isEmpty();
		return this;
	}

	/**
	 * A click that submits a form returns before the next page has loaded; axe injected into the page being
	 * left is lost with it. Wait for a complete document, and try once more if the page changed under axe.
	 */
	private com.deque.html.axecore.results.Results analyze() {
		for (int attempt = 1;; attempt++) {
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "complete".equals(
					((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
			try {
				return new AxeBuilder().withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
			} catch (org.openqa.selenium.JavascriptException | org.openqa.selenium.StaleElementReferenceException e) {
				if (attempt == 3) {
					throw e;
				}
			}
		}
	}

	private static String describe(java.util.List<Rule> rules) {
		return rules.stream()
			.map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " — "
					+ r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
			.collect(Collectors.joining("\n"));
	}

	public Browser type(String id, String text) {
		var field = find(By.id(id));
		field.clear();
		field.sendKeys(text);
		return this;
	}

	public Browser click(String id) {
		find(By.id(id)).click();
		return checked();
	}

	/**
	 * Clicks something whose effect arrives later through script (a passkey ceremony, a fetch then a
	 * redirect); the caller waits for the outcome and checks accessibility there.
	 */
	public Browser press(String id) {
		find(By.id(id)).click();
		return this;
	}

	public Browser select(String id, String value) {
		new org.openqa.selenium.support.ui.Select(find(By.id(id))).selectByValue(value);
		return this;
	}

	public WebElement find(By by) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
	}

	public String text(String id) {
		return find(By.id(id)).getText();
	}

	public String page() {
		return driver.getPageSource();
	}

	public String path() {
		var url = driver.getCurrentUrl();
		return url.startsWith(base) ? url.substring(base.length()) : url;
	}

	public String lang() {
		return find(By.tagName("html")).getAttribute("lang");
	}

	public Browser newSession() {
		driver.manage().deleteAllCookies();
		return this;
	}

	public WebDriver driver() {
		return driver;
	}

	@Override
	public void close() {
		driver.quit();
	}
}
