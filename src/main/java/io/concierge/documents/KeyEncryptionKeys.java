package io.concierge.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The key-encryption keyset: AES-256-GCM keys that wrap each document's own key and seal
 * the secrets other modules keep ({@link SealedSecrets}). It lives in a file (made on
 * first start, readable by the owner only), never in the database. A rotation adds a key
 * and makes it the one new documents and secrets are wrapped with; the older keys stay in
 * the keyset for good: the re-wrap moves documents to the new key, but sealed secrets
 * keep the key they were sealed with until they are replaced.
 */
@Component
class KeyEncryptionKeys {

	private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);

	private final Path file;

	private volatile KeysetHandle keyset;

	private volatile Aead aead;

	private volatile java.nio.file.attribute.FileTime readAt;

	KeyEncryptionKeys(DocumentSettings settings) {
		this.file = settings.keyset();
		try {
			AeadConfig.register();
			StreamingAeadConfig.register();
			this.keyset = Files.exists(this.file) ? read(this.file) : created(this.file);
			this.aead = this.keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
			this.readAt = modified();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The documents' keyset at " + this.file + " cannot be used", ex);
		}
	}

	/**
	 * A new key for one document: AES-256-GCM in 1 MB segments, so it is encrypted and
	 * decrypted as a stream and a range of it can be read alone.
	 */
	static KeysetHandle documentKey() {
		try {
			return KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink cannot make a key", ex);
		}
	}

	/**
	 * The document's key, wrapped by the current key-encryption key and bound to the
	 * document's id.
	 */
	byte[] wrap(KeysetHandle documentKey, byte[] documentId) {
		fresh();
		try {
			return TinkProtoKeysetFormat.serializeEncryptedKeyset(documentKey, this.aead, documentId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A document's key cannot be wrapped", ex);
		}
	}

	KeysetHandle unwrap(byte[] wrapped, byte[] documentId) {
		fresh();
		try {
			return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, this.aead, documentId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A document's key cannot be unwrapped: the keyset is not the one it "
					+ "was wrapped with, or the document was tampered with", ex);
		}
	}

	/**
	 * Encrypts a small secret with the current key, bound to {@code context}: the
	 * ciphertext names its key, so it still opens after a rotation.
	 */
	byte[] encrypt(byte[] plaintext, byte[] context) {
		fresh();
		try {
			return this.aead.encrypt(plaintext, context);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A secret cannot be sealed", ex);
		}
	}

	byte[] decrypt(byte[] ciphertext, byte[] context) {
		fresh();
		try {
			return this.aead.decrypt(ciphertext, context);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A sealed secret cannot be opened: it was sealed for another purpose or "
					+ "with a keyset that is not this one", ex);
		}
	}

	/**
	 * The id of the key new documents are wrapped with.
	 */
	long primary() {
		fresh();
		return Integer.toUnsignedLong(this.keyset.getPrimary().getId());
	}

	int size() {
		fresh();
		return this.keyset.size();
	}

	/**
	 * Adds a new key and makes it the one new documents are wrapped with; the file is
	 * replaced at once, so a crash leaves the old or the new keyset, never half of one.
	 * @return the new key's id
	 */
	synchronized long rotate() {
		try {
			KeysetHandle rotated = KeysetHandle.newBuilder(this.keyset)
				.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
					.withRandomId()
					.makePrimary())
				.build();
			write(rotated, this.file);
			this.aead = rotated.getPrimitive(RegistryConfiguration.get(), Aead.class);
			this.keyset = rotated;
			this.readAt = modified();
			log.info("The documents' keyset has a new primary key {}; {} keys in all", primary(), rotated.size());
			return primary();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The documents' keyset cannot be rotated", ex);
		}
	}

	/**
	 * Reads the keyset again when its file changed: another node sharing it rotated it.
	 */
	private synchronized void fresh() {
		java.nio.file.attribute.FileTime modified = modified();
		if (modified.equals(this.readAt)) {
			return;
		}
		try {
			KeysetHandle keyset = read(this.file);
			this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
			this.keyset = keyset;
			this.readAt = modified;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The documents' keyset at " + this.file + " cannot be used", ex);
		}
	}

	private java.nio.file.attribute.FileTime modified() {
		try {
			return Files.getLastModifiedTime(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The documents' keyset at " + this.file + " is gone", ex);
		}
	}

	private static KeysetHandle read(Path file) throws GeneralSecurityException {
		try {
			return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The documents' keyset cannot be read from " + file, ex);
		}
	}

	private static KeysetHandle created(Path file) throws GeneralSecurityException {
		KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		write(keyset, file);
		log.info("Made the documents' key-encryption keyset at {}: back it up apart from the database", file);
		return keyset;
	}

	private static void write(KeysetHandle keyset, Path file) throws GeneralSecurityException {
		try {
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, ".keyset", ".tmp");
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: its own access rules apply
			}
			Files.writeString(temporary,
					TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
					StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The documents' keyset cannot be written to " + file, ex);
		}
	}

}
