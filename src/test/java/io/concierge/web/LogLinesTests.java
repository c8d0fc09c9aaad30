package io.concierge.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain-text log line written through the configured pattern cannot be split by a value
 * from outside: its line breaks are written as {@code \r} and {@code \n}.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogLinesTests {

	@Test
	void aValueWithLineBreaksStaysOnOneLine(CapturedOutput output) {
		String sender = "eve@example.com\r\n2026-01-01T00:00:00.000Z  INFO [] forged : admin signed in\nand more";
		LoggerFactory.getLogger(LogLinesTests.class).info("Mail from {} kept", sender);

		List<String> lines = output.getOut().lines().filter((line) -> line.contains("eve@example.com")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.getFirst()).contains("INFO")
			.contains("LogLinesTests")
			.endsWith("Mail from eve@example.com\\r\\n2026-01-01T00:00:00.000Z  INFO [] forged : admin signed in"
					+ "\\nand more kept");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("2026-01-01T00:00:00.000Z"))
			.noneMatch((line) -> line.startsWith("and more"));
	}

}
