package io.concierge.documents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

import io.concierge.shared.SecretSeal;

/**
 * Seals other modules' secrets with the documents' key-encryption keyset (AES-256-GCM),
 * the purpose as associated data.
 */
@Component
class SealedSecrets implements SecretSeal {

	private final KeyEncryptionKeys keys;

	SealedSecrets(KeyEncryptionKeys keys) {
		this.keys = keys;
	}

	@Override
	public String seal(String secret, String purpose) {
		return PREFIX + Base64.getEncoder()
			.encodeToString(this.keys.encrypt(secret.getBytes(StandardCharsets.UTF_8), context(purpose)));
	}

	@Override
	public String open(String stored, String purpose) {
		if (!SecretSeal.sealed(stored)) {
			return stored;
		}
		byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
		return new String(this.keys.decrypt(sealed, context(purpose)), StandardCharsets.UTF_8);
	}

	private static byte[] context(String purpose) {
		return ("concierge-secret:" + purpose).getBytes(StandardCharsets.UTF_8);
	}

}
