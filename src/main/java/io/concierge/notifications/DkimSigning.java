package io.concierge.notifications;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Signs outgoing mail with DKIM (RSA-SHA256, relaxed canonicalisation) when a private key
 * is configured: {@code concierge.mail.dkim.private-key} (a PKCS #8 PEM file),
 * {@code .domain} and {@code .selector}, whose public key is published in DNS at
 * {@code selector._domainkey.domain}. Without a key, mail goes unsigned.
 */
@Component
class DkimSigning {

	private final @Nullable RSAPrivateKey key;

	private final String domain;

	private final String selector;

	DkimSigning(@Value("${concierge.mail.dkim.private-key:}") String keyFile,
			@Value("${concierge.mail.dkim.domain:}") String domain,
			@Value("${concierge.mail.dkim.selector:concierge}") String selector) {
		this.key = StringUtils.hasText(keyFile) ? read(Path.of(keyFile)) : null;
		if (this.key != null && !StringUtils.hasText(domain)) {
			throw new IllegalStateException("concierge.mail.dkim.domain is needed with a DKIM key");
		}
		this.domain = domain;
		this.selector = selector;
	}

	MimeMessage sign(MimeMessage message) throws MessagingException {
		if (this.key == null) {
			return message;
		}
		DkimSigner signer = new DkimSigner(this.domain, this.selector, this.key);
		signer.setCheckDomainKey(false);
		signer.setHeaderCanonicalization(Canonicalization.RELAXED);
		signer.setBodyCanonicalization(Canonicalization.RELAXED);
		return new DkimMessage(message, signer);
	}

	static RSAPrivateKey read(Path file) {
		try {
			String pem = Files.readString(file)
				.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
				.replaceAll("\\s", "");
			return (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The DKIM key in " + file + " cannot be read as a PKCS #8 RSA key", ex);
		}
	}

}
