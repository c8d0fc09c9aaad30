package io.concierge.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner against a real ClamAV daemon, where one runs: set
 * {@code CONCIERGE_TEST_CLAMD=<host>:<port>} (see the README for a clamd with only the
 * EICAR signature, as this machine's network has no signature updates).
 */
@EnabledIfEnvironmentVariable(named = "CONCIERGE_TEST_CLAMD", matches = ".+")
class ClamdTests {

	@Test
	void aRealClamdFindsTheEicarTestFileAndPassesACleanOne() {
		MalwareScanner scanner = new MalwareScanner(
				new DocumentSettings(Path.of("target/test-documents"), Path.of("target/test-documents-keyset.json"),
						System.getenv("CONCIERGE_TEST_CLAMD"), Duration.ofSeconds(10), 60, null));
		// the EICAR test file, put together here so that no scanner flags the source
		String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

		MalwareScanner.Verdict infected = scanner.scan(eicar.getBytes(StandardCharsets.US_ASCII));
		MalwareScanner.Verdict clean = scanner.scan("a receipt".getBytes(StandardCharsets.US_ASCII));

		assertThat(infected.infected()).isTrue();
		assertThat(infected.signature()).containsIgnoringCase("eicar");
		assertThat(clean.scanned()).isTrue();
		assertThat(clean.infected()).isFalse();
	}

}
