package io.concierge.privacy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How privacy requests are served.
 *
 * @param gracePeriod how long a deletion can be cancelled before it is done
 * @param exportValidity how long an export's link works
 * @param linkSecret signs the export links; when not set, Concierge makes one at its
 * first start and keeps it sealed in the database
 * ({@link io.concierge.shared.GeneratedSecrets})
 * @param retentionCheck how often the retention jobs run
 * @param exportLease how long a node's claim on an export it makes lasts unless renewed
 * (it renews it after each module): when the node dies, another takes the export on once
 * this has passed
 */
@ConfigurationProperties("concierge.privacy")
public record PrivacySettings(@DefaultValue("P14D") Duration gracePeriod, @DefaultValue("P7D") Duration exportValidity,
		@Nullable String linkSecret, @DefaultValue("PT1H") Duration retentionCheck,
		@DefaultValue("PT2M") Duration exportLease) {

	@Override
	public String toString() {
		return "PrivacySettings[gracePeriod=" + this.gracePeriod + ", exportValidity=" + this.exportValidity + "]";
	}

}
