package io.concierge.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.concierge.identity.AccountToken.Purpose;

/**
 * Issues and redeems single-use tokens: 256 random bits, URL-safe, stored hashed.
 */
@Component
class Tokens {

	private final AccountTokenRepository tokens;

	private final Clock clock;

	Tokens(AccountTokenRepository tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * A new token for the account; earlier unused ones for the same purpose stop working.
	 */
	String issue(UUID account, Purpose purpose) {
		return issue(account, purpose, null);
	}

	/**
	 * A new token that also carries the address an email change goes to.
	 */
	String issue(UUID account, Purpose purpose, @org.jspecify.annotations.Nullable String newEmail) {
		this.tokens.useAll(account, purpose, this.clock.instant());
		String token = Secrets.randomToken();
		this.tokens.save(new AccountToken(Secrets.sha256(token), account, purpose, newEmail, this.clock.instant()));
		return token;
	}

	/**
	 * The account the token was issued to, if it is for this purpose, unused and
	 * unexpired.
	 */
	Optional<UUID> peek(String token, Purpose purpose) {
		return usable(token, purpose).map(AccountToken::accountId);
	}

	/**
	 * Like {@link #peek}, and uses the token up: of two requests with the same token at
	 * once, only one succeeds.
	 */
	Optional<UUID> redeem(String token, Purpose purpose) {
		return redeemToken(token, purpose).map(AccountToken::accountId);
	}

	/**
	 * Like {@link #redeem}, giving the whole token (for the address an email change goes
	 * to).
	 */
	Optional<AccountToken> redeemToken(String token, Purpose purpose) {
		Optional<AccountToken> found = usable(token, purpose);
		if (found.isEmpty() || this.tokens.useIfUsable(Secrets.sha256(token), this.clock.instant()) != 1) {
			return Optional.empty();
		}
		return found;
	}

	private Optional<AccountToken> usable(String token, Purpose purpose) {
		return this.tokens.findById(Secrets.sha256(token))
			.filter((found) -> found.purpose() == purpose && found.usableAt(this.clock.instant()));
	}

}
