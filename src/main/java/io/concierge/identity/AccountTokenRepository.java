package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AccountTokenRepository extends JpaRepository<AccountToken, String> {

	@Modifying
	@Query("update AccountToken t set t.usedAt = :now where t.accountId = :account and t.purpose = :purpose and t.usedAt is null")
	int useAll(UUID account, AccountToken.Purpose purpose, Instant now);

}
