package io.concierge;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.concierge.identity.SecondFactors;

/**
 * An authenticator app for tests: the code for a key now. A code works once, so a second
 * sign-in within the same 30 seconds takes the next step's code (accepted one step
 * early), and a third waits for the clock.
 */
public final class Authenticator {

	private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

	private Authenticator() {
	}

	public static synchronized String code(String secret) {
		long now = Instant.now().getEpochSecond() / 30;
		long last = LAST_STEP.getOrDefault(secret, Long.MIN_VALUE);
		long step = Math.max(now, last + 1);
		while (step > now + 1) {
			sleepUntilNextStep();
			now = Instant.now().getEpochSecond() / 30;
		}
		LAST_STEP.put(secret, step);
		return SecondFactors.currentCode(secret, Instant.ofEpochSecond(step * 30));
	}

	private static void sleepUntilNextStep() {
		try {
			Thread.sleep(1000L * (30 - Instant.now().getEpochSecond() % 30) + 50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
