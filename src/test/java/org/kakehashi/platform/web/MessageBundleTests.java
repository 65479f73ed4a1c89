package org.kakehashi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Both languages carry the same keys, and every key a template names literally exists. */
class MessageBundleTests {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.:\\-]+)[(}]");

	@Test
	void japaneseAndEnglishHaveTheSameKeys() throws IOException {
		var english = load("/messages.properties");
		var japanese = load("/messages_ja.properties");
		assertThat(new TreeSet<>(japanese.stringPropertyNames())).as("keys of messages_ja.properties")
			.isEqualTo(new TreeSet<>(english.stringPropertyNames()));
	}

	@Test
	void everyLiteralKeyInATemplateExists() throws IOException {
		var english = load("/messages.properties");
		var missing = new TreeSet<String>();
		try (var files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (var file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
				var matcher = TEMPLATE_KEY.matcher(Files.readString(file));
				while (matcher.find()) {
					if (english.getProperty(matcher.group(1)) == null) {
						missing.add(file.getFileName() + ": " + matcher.group(1));
					}
				}
			}
		}
		assertThat(missing).as("message keys named in templates but in no bundle").isEmpty();
	}

	private static Properties load(String resource) throws IOException {
		var properties = new Properties();
		try (InputStream in = MessageBundleTests.class.getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}
