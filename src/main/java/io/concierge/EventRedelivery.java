package io.concierge;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the events between modules whose listener failed to it again, on a running node,
 * instead of only at the next start: when PostgreSQL went away while listeners ran (whose
 * failures could not even be recorded then), Modulith's staleness check marks their
 * publications failed after a while ({@code spring.modulith.events.staleness.*}), and
 * this sends them again once they are {@code concierge.events.redelivery-min-age} old.
 * Listeners take an event more than once without doing it twice, as they must after a
 * crash anyway.
 */
@Component
class EventRedelivery {

	private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

	private final FailedEventPublications failed;

	private final Duration minAge;

	EventRedelivery(FailedEventPublications failed,
			@Value("${concierge.events.redelivery-min-age:PT1M}") Duration minAge) {
		this.failed = failed;
		this.minAge = minAge;
	}

	@Scheduled(fixedDelayString = "${concierge.events.redelivery-interval:PT1M}",
			initialDelayString = "${concierge.events.redelivery-interval:PT1M}")
	void redeliver() {
		try {
			this.failed.resubmit(ResubmissionOptions.defaults().withMinAge(this.minAge));
		}
		catch (RuntimeException ex) {
			log.warn("Failed event publications could not be handed over again; trying at the next run: {}",
					ex.toString());
		}
	}

}
