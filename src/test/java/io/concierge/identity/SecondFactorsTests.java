package io.concierge.identity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;
import io.concierge.identity.SecondFactors.Check;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authenticator codes and recovery codes as the service checks them: each works once, and
 * recovery codes are strong enough (or hashed slowly enough) to be kept as hashes.
 */
@IntegrationTest
class SecondFactorsTests {

	private static final String ORIGIN = "203.0.113.9";

	@Autowired
	SecondFactors factors;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void aTotpCodeUsedTwiceIsRefusedTheSecondTime() {
		TestLogin login = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		EmailAddress email = EmailAddress.of(login.email());
		String code = SecondFactors.currentCode(login.totpSecret(), this.clock.instant());
		assertThat(this.factors.check(email, code, ORIGIN)).isEqualTo(Check.TOTP);
		assertThat(this.factors.check(email, code, ORIGIN)).as("the same code again").isEqualTo(Check.REFUSED);
	}

	@Test
	void recoveryCodesHaveAtLeast112BitsAreKeptAsSha256AndWorkOnce() {
		TestLogin login = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		EmailAddress email = EmailAddress.of(login.email());
		List<String> codes = this.factors.regenerateRecoveryCodes(email, ORIGIN);
		assertThat(codes).hasSize(SecondFactors.RECOVERY_CODES).doesNotHaveDuplicates();
		for (String code : codes) {
			String normalised = SecondFactors.normaliseCode(code);
			// 31 possible characters each: log2(31) * 24 ≈ 118.9 bits
			assertThat(normalised).matches("[abcdefghjkmnpqrstuvwxyz23456789]{24}");
			assertThat(normalised.length() * Math.log(31) / Math.log(2)).isGreaterThanOrEqualTo(112);
		}
		assertThat(storedHashes(login.email())).containsOnly("sha256").hasSize(SecondFactors.RECOVERY_CODES);
		assertThat(this.factors.check(email, codes.get(0).toUpperCase(), ORIGIN)).isEqualTo(Check.RECOVERY_CODE);
		assertThat(this.factors.check(email, codes.get(0), ORIGIN)).as("used up").isEqualTo(Check.REFUSED);
		assertThat(this.factors.status(email).recoveryCodesLeft()).isEqualTo(SecondFactors.RECOVERY_CODES - 1);
	}

	@Test
	void recoveryCodesOf79BitsMadeBeforeAreHashedAgainWithArgon2idAndStillWorkOnce() {
		TestLogin login = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		EmailAddress email = EmailAddress.of(login.email());
		UUID account = this.accounts.findByEmail(email).orElseThrow().id();
		// as the codes of four groups of four were stored before V89
		String old = "abcd-efgh-jkmn-pqrs";
		String usedBefore = "bcde-fghj-kmnp-qrst";
		this.jdbc.sql("insert into recovery_code (account_id, code_hash, hashed_as) values (?, ?, 'sha256-79')")
			.params(account, Secrets.sha256(SecondFactors.normaliseCode(old)))
			.update();
		this.jdbc.sql("""
				insert into recovery_code (account_id, code_hash, hashed_as, used_at)
				values (?, ?, 'sha256-79', now())""")
			.params(account, Secrets.sha256(SecondFactors.normaliseCode(usedBefore)))
			.update();

		assertThat(this.factors.strengthenOldRecoveryCodes()).isGreaterThanOrEqualTo(1);

		List<String> hashes = this.jdbc
			.sql("select code_hash from recovery_code where account_id = ? and hashed_as <> 'sha256'")
			.param(account)
			.query(String.class)
			.list();
		assertThat(hashes).as("the unused one salted and slow, the used one gone")
			.singleElement()
			.satisfies((hash) -> assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
		assertThat(storedHashes(login.email())).doesNotContain("sha256-79");
		assertThat(this.factors.check(email, "ABCD EFGH JKMN PQRS", ORIGIN)).isEqualTo(Check.RECOVERY_CODE);
		assertThat(this.factors.check(email, old, ORIGIN)).as("used up").isEqualTo(Check.REFUSED);
		assertThat(this.factors.check(email, "abcd-efgh-jkmn-pqrt", ORIGIN)).isEqualTo(Check.REFUSED);
	}

	private List<String> storedHashes(String email) {
		return this.jdbc.sql("""
				select r.hashed_as from recovery_code r join account a on a.id = r.account_id where a.email = ?""")
			.param(email)
			.query(String.class)
			.list();
	}

}
