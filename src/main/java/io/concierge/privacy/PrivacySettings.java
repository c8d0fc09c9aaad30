package io.concierge.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How privacy requests are served.
 *
 * @param gracePeriod how long a deletion can be cancelled before it is done
 * @param exportValidity how long an export's link works
 * @param linkSecret signs the export links (set your own: the default is the demo's)
 * @param retentionCheck how often the retention jobs run
 * @param mailKept how long a sent mail is kept in the outbox
 * @param throttleKept how long sign-in failures and rate-limit windows are kept
 */
@ConfigurationProperties("concierge.privacy")
public record PrivacySettings(@DefaultValue("P14D") Duration gracePeriod, @DefaultValue("P7D") Duration exportValidity,
		@DefaultValue("concierge-demo-privacy-secret") String linkSecret, @DefaultValue("PT1H") Duration retentionCheck,
		@DefaultValue("P90D") Duration mailKept, @DefaultValue("P1D") Duration throttleKept) {

	@Override
	public String toString() {
		return "PrivacySettings[gracePeriod=" + this.gracePeriod + ", exportValidity=" + this.exportValidity + "]";
	}

}
