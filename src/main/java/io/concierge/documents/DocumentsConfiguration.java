package io.concierge.documents;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentSettings.class)
class DocumentsConfiguration {

	/**
	 * The bucket when one is configured, else the directory.
	 */
	@Bean
	ContentStore contentStore(DocumentSettings settings) {
		DocumentSettings.S3 s3 = settings.s3();
		if (s3 == null || !StringUtils.hasText(s3.bucket())) {
			return new FileContentStore(settings.directory());
		}
		return new S3ContentStore(client(s3), s3.bucket(), s3.prefix());
	}

	static S3Client client(DocumentSettings.S3 s3) {
		S3ClientBuilder builder = S3Client.builder().region(Region.of(s3.region())).forcePathStyle(s3.pathStyle());
		if (s3.endpoint() != null) {
			builder.endpointOverride(s3.endpoint());
		}
		if (StringUtils.hasText(s3.accessKey()) && StringUtils.hasText(s3.secretKey())) {
			builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
		}
		return builder.build();
	}

}
