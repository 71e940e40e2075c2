package dev.streamscribe.ingest.dashboard;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.gateway.Gateway;
import dev.streamscribe.ingest.gateway.GatewaySettings;
import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.web.HttpSettings;
import dev.streamscribe.ingest.web.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (headless Chromium through chromedriver) while the pipeline transcribes real
 * audio on the in-process broker: each stream's finals on the page must be its offline transcript, a stream still
 * talking shows its partial, words carry their timing and confidence, and a stream id made of markup stays text.
 * Leaves a screenshot in target/dashboard.png (the README's docs/dashboard.png comes from it).
 * <p>Skipped when Chromium or chromedriver is not installed, unless CI_REQUIRE_BROWSER=1, which makes that a failure.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String HOSTILE_ID = "<img src=x onerror=\"document.title='injected'\">";

    @Test
    void showsEachStreamsFinalsAsTheOfflineTranscriptAndTheOpenPartial(@TempDir Path dir) throws Exception {
        requireBrowser();
        PipelineConfig config = PipelineConfig.DEFAULT.withIdleTimeout(Duration.ofMinutes(5)); // the open stream stays open
        FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
        DashboardLimits limits = DashboardLimits.DEFAULT;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(config, 2, (short) 1);
            try (StreamsPipeline pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), config,
                         StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("dashboard-test"));
                 PrometheusMetrics metrics = new PrometheusMetrics();
                 WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), limits.httpThreads());
                 Dashboard dashboard = Dashboard.start(kafka, config.transcriptsTopic(), true, limits, web, metrics.registry(), null);
                 AudioPublisher publisher = new AudioPublisher(kafka, config.inputTopic(), 100)) {
                pipeline.awaitRunning(Duration.ofSeconds(60));
                WebDriver browser = chrome();
                try {
                    browser.get(web.uri().toString());
                    WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
                    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

                    publisher.publish("call-42", TestAudio.read(TestAudio.REPORT), true);
                    publisher.publish("radio-8k", TestAudio.read(TestAudio.WEATHER_8K), false);
                    publishWithoutEnd(publisher, "lecture-7", sample(), 5_500);
                    for (String id : List.of("call-42", "radio-8k")) {
                        wait.until(b -> ended(b, id));
                    }
                    wait.until(b -> card(b, "lecture-7") != null
                            && !card(b, "lecture-7").findElement(By.className("partial")).getText().isBlank());

                    assertEquals(offline.transcribe(TestAudio.path(TestAudio.REPORT)).text(), finals(browser, "call-42"));
                    assertEquals(offline.transcribe(TestAudio.path(TestAudio.WEATHER_8K)).text(), finals(browser, "radio-8k"));
                    assertFalse(finals(browser, "call-42").isBlank());
                    assertTrue(card(browser, "call-42").findElement(By.className("partial")).getText().isEmpty(),
                            "the final replaced the partial");
                    assertEquals("live", card(browser, "lecture-7").findElement(By.className("state")).getDomProperty("textContent"));
                    assertWordsCarryTimingAndConfidence(browser, card(browser, "call-42"));
                    assertFiguresShown(card(browser, "call-42"), TestAudio.read(TestAudio.REPORT));
                    Files.write(Path.of("target", "dashboard.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

                    publisher.publish(HOSTILE_ID, TestAudio.read(TestAudio.WEATHER_8K), false);
                    wait.until(b -> ended(b, HOSTILE_ID));
                    assertEquals(HOSTILE_ID, card(browser, HOSTILE_ID).findElement(By.tagName("h2")).getText());
                    assertTrue(browser.findElements(By.cssSelector("#streams img")).isEmpty(), "markup in a stream id stays text");
                    assertEquals("streamscribe · live transcripts", browser.getTitle());
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /**
     * The Speak button in a real browser whose microphone is a recording (Chromium's fake capture device, which
     * loops the file): the page streams it through the live gateway, and the recording's words appear on its card.
     */
    @Test
    void theSpeakButtonStreamsTheMicrophoneThroughTheGateway(@TempDir Path dir) throws Exception {
        requireBrowser();
        PipelineConfig config = PipelineConfig.DEFAULT;
        DashboardLimits limits = DashboardLimits.DEFAULT;
        List<String> spoken = List.of(new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT))
                .text().split(" "));
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(config, 2, (short) 1);
            try (StreamsPipeline pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), config,
                         StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("microphone-test"));
                 PrometheusMetrics metrics = new PrometheusMetrics();
                 WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), limits.httpThreads());
                 Gateway gateway = Gateway.start(kafka, config, GatewaySettings.defaults().withPort(0)
                         .withAllowedOrigins(Set.of(Dashboard.origin(web.uri()))));
                 Dashboard dashboard = Dashboard.start(kafka, config.transcriptsTopic(), true, limits, web, metrics.registry(),
                         gateway.uri())) {
                pipeline.awaitRunning(Duration.ofSeconds(60));
                WebDriver browser = chrome("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                        "--use-file-for-fake-audio-capture=" + TestAudio.path(TestAudio.REPORT));
                try {
                    browser.get(web.uri().toString());
                    WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
                    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));
                    browser.findElement(By.id("mic")).click();
                    wait.until(b -> b.findElement(By.id("mic-status")).getText().startsWith("streaming as gw-"));
                    String streamId = browser.findElement(By.id("mic-status")).getText().substring("streaming as ".length());
                    // a few of the recording's words, heard through the browser's capture and resampling
                    wait.until(b -> card(b, streamId) != null && heard(finals(b, streamId), spoken) >= 3);
                    browser.findElement(By.id("mic")).click();
                    wait.until(b -> ended(b, streamId));
                    assertEquals("ended", browser.findElement(By.id("mic-status")).getText());
                    assertEquals(0, gateway.openStreams());
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** How many different words of {@code spoken} the text has. */
    private static long heard(String text, List<String> spoken) {
        List<String> words = List.of(text.split(" "));
        return spoken.stream().distinct().filter(words::contains).count();
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv("CI_REQUIRE_BROWSER"))) assertTrue(present, "CI_REQUIRE_BROWSER=1, but " + missing);
        assumeTrue(present, missing);
    }

    /** The Debian browser and driver as installed; Selenium Manager is never asked to download one. */
    private static WebDriver chrome(String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,600", "--force-device-scale-factor=1");
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The first {@code ms} of a recording as a stream that has not ended, so its partial stays on the page. */
    private static void publishWithoutEnd(AudioPublisher publisher, String streamId, Audio audio, int ms) {
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        for (int i = 0; i < ms / 100; i++) publisher.send(streamId, i, audio.sampleRate(), chunks.get(i), false);
        publisher.flush();
    }

    private static Audio sample() throws Exception {
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("/samples/demo.wav")) {
            return AudioFiles.decode(in.readAllBytes(), "demo.wav");
        }
    }

    /** The stream's card, or null while there is none. */
    private static WebElement card(WebDriver browser, String streamId) {
        return (WebElement) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('.stream')].find(s => s.dataset.stream === arguments[0]) || null;", streamId);
    }

    private static boolean ended(WebDriver browser, String streamId) {
        WebElement card = card(browser, streamId);
        return card != null && card.getAttribute("class").contains("ended");
    }

    /** The finals as the page shows them, one line each, joined like a stream's transcript. */
    private static String finals(WebDriver browser, String streamId) {
        return card(browser, streamId).findElement(By.className("finals")).getText().replaceAll("\\s+", " ").trim();
    }

    /** Each word's title gives its timing and confidence, and its shading is set from the same confidence. */
    private static void assertWordsCarryTimingAndConfidence(WebDriver browser, WebElement card) {
        List<WebElement> words = card.findElements(By.cssSelector(".finals .word"));
        assertFalse(words.isEmpty());
        Pattern title = Pattern.compile("(.+): \\d+\\.\\d\\d–\\d+\\.\\d\\d s, confidence ([01]\\.\\d\\d)");
        for (WebElement w : words) {
            Matcher m = title.matcher(w.getAttribute("title"));
            assertTrue(m.matches(), w.getAttribute("title"));
            assertEquals(w.getText(), m.group(1));
            String shading = (String) ((JavascriptExecutor) browser).executeScript(
                    "return arguments[0].style.getPropertyValue('--confidence');", w);
            assertEquals(Double.parseDouble(m.group(2)), Double.parseDouble(shading), 0.006);
        }
    }

    private static void assertFiguresShown(WebElement card, Audio audio) {
        double shown = Double.parseDouble(card.findElement(By.className("audio")).getText().replace(" s", ""));
        assertEquals(audio.durationMs() / 1000.0, shown, 0.2, "audio seconds of the stream");
        assertTrue(card.findElement(By.className("pipeline")).getText().matches("-?\\d+ ms"));
        assertTrue(card.findElement(By.className("delivery")).getText().matches("-?\\d+ ms"));
    }
}
