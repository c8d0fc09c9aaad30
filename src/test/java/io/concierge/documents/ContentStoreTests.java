package io.concierge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both stores keep a content whole or not at all: the file system and an S3 bucket (a
 * real S3 server, S3Mock, in a process of its own).
 */
class ContentStoreTests {

	@TempDir
	static Path directory;

	static Stream<ContentStore> stores() {
		S3Server s3 = S3Server.start();
		return Stream.of(new FileContentStore(directory),
				new S3ContentStore(s3.client(), S3Server.BUCKET, "tests/" + UUID.randomUUID() + "/"));
	}

	@ParameterizedTest
	@MethodSource("stores")
	void keepsWhatIsWrittenUntilItIsRemoved(ContentStore store) throws IOException {
		UUID id = UUID.randomUUID();
		byte[] content = new byte[3 * 1024 * 1024 + 17];
		new java.util.Random(7).nextBytes(content);

		store.write(id, (out) -> out.write(content));

		try (InputStream in = store.read(id)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		store.delete(id);
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> store.read(id).close());
		store.delete(id);
	}

	@ParameterizedTest
	@MethodSource("stores")
	void keepsNothingOfAWriteThatFails(ContentStore store) {
		UUID id = UUID.randomUUID();

		assertThatThrownBy(() -> store.write(id, (out) -> {
			out.write("the first half".getBytes(StandardCharsets.UTF_8));
			throw new IOException("the disk is full");
		})).hasRootCauseMessage("the disk is full");

		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> store.read(id).close());
	}

}
