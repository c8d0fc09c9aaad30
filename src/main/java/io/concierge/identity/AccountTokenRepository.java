package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AccountTokenRepository extends JpaRepository<AccountToken, String> {

	/**
	 * Uses a token up if it is still usable; of two requests at once only one gets 1.
	 */
	@Modifying
	@Query("update AccountToken t set t.usedAt = :now where t.tokenHash = :hash and t.usedAt is null and t.expiresAt > :now")
	int useIfUsable(String hash, Instant now);

	@Modifying
	@Query("update AccountToken t set t.usedAt = :now where t.accountId = :account and t.purpose = :purpose and t.usedAt is null")
	int useAll(UUID account, AccountToken.Purpose purpose, Instant now);

}
