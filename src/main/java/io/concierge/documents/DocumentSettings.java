package io.concierge.documents;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where documents and their keys are kept, and the malware scanner.
 *
 * @param directory where the encrypted contents are written
 * @param keyset the key-encryption keyset, made on first start; whoever has it and a copy
 * of the database and the contents can read every document, so keep it apart from their
 * backups
 * @param clamd the ClamAV daemon's address ({@code host:port}); without one, documents
 * are kept unscanned
 * @param clamdTimeout how long a scan may take before the upload is refused
 * @param uploadsPerHour how many documents one account may upload in an hour
 * @param s3 an S3-compatible bucket to keep the contents in instead of the directory
 */
@ConfigurationProperties("concierge.documents")
record DocumentSettings(@DefaultValue("data/documents") Path directory,
		@DefaultValue("data/documents-keyset.json") Path keyset, @Nullable String clamd,
		@DefaultValue("PT30S") Duration clamdTimeout, @DefaultValue("60") int uploadsPerHour, @Nullable S3 s3) {

	/**
	 * An S3-compatible bucket.
	 *
	 * @param bucket the bucket, which must exist; without one, the directory is used
	 * @param endpoint the service's address, for a store other than AWS (MinIO, Ceph)
	 * @param region the bucket's region
	 * @param accessKey with {@code secretKey}, the credentials; without them, the SDK's
	 * default chain (environment, profile, instance role)
	 * @param prefix put before each document's id in its object key
	 * @param pathStyle whether the bucket is addressed in the path rather than the host
	 * name, as most stores other than AWS want
	 */
	record S3(@Nullable String bucket, @Nullable URI endpoint, @DefaultValue("eu-central-1") String region,
			@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("documents/") String prefix,
			@DefaultValue("false") boolean pathStyle) {

		@Override
		public String toString() {
			return "S3[bucket=" + this.bucket + ", endpoint=" + this.endpoint + ", region=" + this.region + "]";
		}

	}

	@Override
	public String toString() {
		return "DocumentSettings[directory=" + this.directory + ", clamd=" + this.clamd + ", s3=" + this.s3 + "]";
	}

}
