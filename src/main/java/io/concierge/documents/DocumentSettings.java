package io.concierge.documents;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where documents and their keys are kept, and the malware scanner.
 *
 * @param directory where the encrypted contents are written
 * @param keyset the key-encryption keyset, made on first start; whoever has it and a copy
 * of the database and the contents can read every document, so keep it apart from their
 * backups
 * @param clamd the ClamAV daemon's address ({@code host:port}); without one, documents
 * are kept unscanned
 * @param clamdTimeout how long a scan may take before the upload is refused
 * @param uploadsPerHour how many documents one account may upload in an hour
 */
@ConfigurationProperties("concierge.documents")
record DocumentSettings(@DefaultValue("data/documents") Path directory,
		@DefaultValue("data/documents-keyset.json") Path keyset, @Nullable String clamd,
		@DefaultValue("PT30S") Duration clamdTimeout, @DefaultValue("60") int uploadsPerHour) {

	@Override
	public String toString() {
		return "DocumentSettings[directory=" + this.directory + ", clamd=" + this.clamd + "]";
	}

}
