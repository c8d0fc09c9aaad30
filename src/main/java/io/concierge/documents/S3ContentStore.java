package io.concierge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The encrypted contents as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, …),
 * under {@code <prefix><id>}. A content is written to a temporary file first (its size is
 * known only once it is encrypted), then put in one request, which S3 stores whole or not
 * at all. Only ciphertext leaves the node.
 */
class S3ContentStore implements ContentStore {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	S3ContentStore(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
	}

	@Override
	public void write(UUID id, ContentWriter writer) {
		try {
			Path temporary = Files.createTempFile("concierge-document", ".tmp");
			try {
				try (OutputStream out = Files.newOutputStream(temporary)) {
					writer.write(out);
				}
				this.s3.putObject((put) -> put.bucket(this.bucket).key(key(id)), RequestBody.fromFile(temporary));
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A document's content cannot be written", ex);
		}
	}

	@Override
	public InputStream read(UUID id) throws IOException {
		try {
			return this.s3.getObject((get) -> get.bucket(this.bucket).key(key(id)));
		}
		catch (NoSuchKeyException ex) {
			throw new java.nio.file.NoSuchFileException(key(id));
		}
		catch (SdkException ex) {
			throw new IOException("The bucket " + this.bucket + " cannot be read", ex);
		}
	}

	@Override
	public void delete(UUID id) {
		this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(key(id)));
	}

	private String key(UUID id) {
		return this.prefix + id;
	}

}
