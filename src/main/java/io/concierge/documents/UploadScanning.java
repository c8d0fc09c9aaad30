package io.concierge.documents;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether uploads are scanned for malware, said where people look: at start, in
 * {@code /actuator/health} (as {@code uploadScanning}, its details shown to staff) and on
 * {@code /admin/documents}. Without a scanner ({@code concierge.documents.clamd}) only
 * the demo starts, unless the administrator wrote down that uploads go unscanned
 * ({@code concierge.documents.scanning=off}): a deployment that forgot clamd would
 * otherwise keep every file unscanned without anybody knowing.
 */
@Component("uploadScanning")
public class UploadScanning implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(UploadScanning.class);

	private final boolean scanned;

	UploadScanning(MalwareScanner scanner, @Value("${concierge.documents.scanning:on}") String scanning,
			@Value("${concierge.demo.enabled:false}") boolean demo) {
		this.scanned = scanner.configured();
		require(this.scanned, scanning, demo);
		if (!this.scanned) {
			log.warn("Uploads are not scanned for malware: set CONCIERGE_DOCUMENTS_CLAMD "
					+ "(concierge.documents.clamd) to a ClamAV daemon's host:port");
		}
	}

	/**
	 * Refuses to go on without a scanner outside the demo, unless scanning was switched
	 * off on purpose.
	 * @param scanning {@code on} (the default) or {@code off}
	 */
	static void require(boolean scanned, @Nullable String scanning, boolean demo) {
		String mode = (scanning != null) ? scanning.strip().toLowerCase(java.util.Locale.ROOT) : "on";
		if (!mode.equals("on") && !mode.equals("off")) {
			throw new IllegalStateException("concierge.documents.scanning must be on or off, not " + scanning);
		}
		if (!scanned && !demo && mode.equals("on")) {
			throw new IllegalStateException("Set CONCIERGE_DOCUMENTS_CLAMD (concierge.documents.clamd) to a ClamAV "
					+ "daemon's host:port so uploads are scanned for malware, or set CONCIERGE_DOCUMENTS_SCANNING=off "
					+ "(concierge.documents.scanning) to keep them unscanned knowingly. Only the demo does without.");
		}
	}

	/**
	 * Whether uploads are scanned for malware before they are kept.
	 */
	public boolean scanned() {
		return this.scanned;
	}

	/**
	 * Up either way (unscanned uploads are a decision, not an outage), saying which.
	 */
	@Override
	public Health health() {
		return Health.up()
			.withDetail("scanned", this.scanned)
			.withDetail("scanner", this.scanned ? "clamd" : "none: uploads are not scanned")
			.build();
	}

}
