package io.concierge.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.concierge.identity.Role;
import io.concierge.notifications.MailMessage;
import io.concierge.privacy.ChainVerification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every visible string exists in English and in German.
 */
class MessagesTests {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]");

	private final Properties english = load("messages.properties");

	private final Properties german = load("messages_de.properties");

	@Test
	void bothLanguagesHaveTheSameKeys() {
		assertThat(german.stringPropertyNames()).as("keys in German but not in English")
			.isSubsetOf(english.stringPropertyNames());
		assertThat(english.stringPropertyNames()).as("keys in English but not in German")
			.isSubsetOf(german.stringPropertyNames());
	}

	@Test
	void noMessageIsEmpty() {
		Stream.of(english, german)
			.forEach((messages) -> messages.stringPropertyNames()
				.forEach((key) -> assertThat(messages.getProperty(key)).as(key).isNotBlank()));
	}

	@Test
	void everyKeyATemplateUsesIsTranslated() throws IOException {
		Set<String> used = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((path) -> path.toString().endsWith(".html")).toList()) {
				Matcher keys = TEMPLATE_KEY.matcher(Files.readString(template));
				while (keys.find()) {
					used.add(keys.group(1));
				}
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(english.stringPropertyNames()).containsAll(used);
	}

	@Test
	void everyValueThatPagesLookUpByNameIsTranslated() {
		Set<String> keys = new TreeSet<>();
		Arrays.stream(Role.values()).forEach((role) -> keys.add("role." + role));
		Arrays.stream(MailMessage.Status.values()).forEach((status) -> keys.add("mail.status." + status));
		Arrays.stream(ChainVerification.Problem.values()).forEach((problem) -> keys.add("audit.integrity." + problem));
		keys.addAll(Set.of("mail.test.subject", "mail.test.body", "mail.test.sent"));
		Set.of("403", "404", "429", "500", "other").forEach((kind) -> {
			keys.add("error." + kind + ".title");
			keys.add("error." + kind + ".text");
		});
		assertThat(english.stringPropertyNames()).containsAll(keys);
		assertThat(german.stringPropertyNames()).containsAll(keys);
	}

	private static Properties load(String name) {
		Properties properties = new Properties();
		try (InputStream in = MessagesTests.class.getResourceAsStream("/" + name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return properties;
	}

}
