package io.concierge.documents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After a rotation, wraps the documents' keys with the new key-encryption key a batch at
 * a time, on every node (each takes other rows), until none is left on an older key.
 */
@Component
class Rewrapping {

	private static final Logger log = LoggerFactory.getLogger(Rewrapping.class);

	private final Documents documents;

	Rewrapping(Documents documents) {
		this.documents = documents;
	}

	@Scheduled(fixedDelayString = "${concierge.documents.rewrap-interval:PT10S}", initialDelay = 10_000)
	void rewrap() {
		if (this.documents.keyStatus().waiting() == 0) {
			return;
		}
		long waiting = this.documents.rewrap(500);
		log.info("Documents re-wrapped with the newest key; {} still on an older one", waiting);
	}

}
