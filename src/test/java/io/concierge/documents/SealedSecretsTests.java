package io.concierge.documents;

import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.privacy.DeletionReceipts;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.SecretSeal;
import io.concierge.webhooks.WebhookSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The secrets modules must read back are stored sealed with the documents' keyset, so the
 * database alone gives none of them away.
 */
@IntegrationTest
class SealedSecretsTests {

	@Autowired
	private SecretSeal seal;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Accounts accounts;

	@Autowired
	private SecondFactors factors;

	@Test
	void anAuthenticatorSecretIsStoredSealedAndOpensOnlyForItsAccount() {
		TestLogin agent = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		TestLogin other = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		String stored = totp(agent);

		assertThat(stored).startsWith(SecretSeal.PREFIX).doesNotContain(agent.totpSecret());
		assertThat(this.seal.open(stored, "totp:" + id(agent))).isEqualTo(agent.totpSecret());
		// copied onto another account's row, it does not open
		assertThatIllegalStateException().isThrownBy(() -> this.seal.open(stored, "totp:" + id(other)));
	}

	@Test
	void aSecretStoredBeforeSealingIsSealedAndStillOpens() {
		TestLogin agent = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		this.jdbc.sql("update account_totp set secret = ? where account_id = ?")
			.params(agent.totpSecret(), id(agent))
			.update();
		assertThat(this.seal.open(totp(agent), "totp:" + id(agent))).isEqualTo(agent.totpSecret());

		assertThat(this.seal.sealStored(this.jdbc, "account_totp", "account_id", "secret", "totp:")).isPositive();

		assertThat(totp(agent)).startsWith(SecretSeal.PREFIX);
		assertThat(this.seal.open(totp(agent), "totp:" + id(agent))).isEqualTo(agent.totpSecret());
	}

	@Test
	void aWebhookSecretIsStoredSealed(@Autowired WebhookSubscriptions webhooks) {
		WebhookSubscriptions.Created created = webhooks.create(new WebhookSubscriptions.NewSubscription("Sealed",
				"http://127.0.0.1:9/hooks", List.of("order.refund_due"), "erp@example.com"), "test", "test");

		try {
			String stored = this.jdbc.sql("select secret from webhook_subscription where id = ?")
				.param(created.id())
				.query(String.class)
				.single();
			assertThat(stored).startsWith(SecretSeal.PREFIX).doesNotContain(created.secret());
			assertThat(this.seal.open(stored, "webhook-secret:" + created.id())).isEqualTo(created.secret());
		}
		finally {
			webhooks.remove(created.id(), "test", "test");
		}
	}

	@Test
	void theSigningKeysOfTokensAndReceiptsAreStoredSealed(@Autowired JWKSource<SecurityContext> tokenKeys,
			@Autowired DeletionReceipts receipts) throws Exception {
		assertThat(tokenKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null)).singleElement()
			.satisfies((key) -> assertThat(key.isPrivate()).isTrue());
		assertThat(receipts.publicKeys().getKeys()).isNotEmpty();

		assertThat(this.jdbc.sql("select jwk from oauth2_signing_key union all select jwk from receipt_key")
			.query(String.class)
			.list()).isNotEmpty()
			.allSatisfy((jwk) -> assertThat(jwk).startsWith(SecretSeal.PREFIX).doesNotContain("\"d\""));
	}

	private String totp(TestLogin login) {
		return this.jdbc.sql("select secret from account_totp where account_id = ?")
			.param(id(login))
			.query(String.class)
			.single();
	}

	private UUID id(TestLogin login) {
		return this.accounts.findByEmail(EmailAddress.of(login.email())).orElseThrow().id();
	}

}
