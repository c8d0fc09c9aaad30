package io.concierge.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The document store's disk is full: an upload, through the API and the page, is refused
 * with a message its uploader understands, no document is recorded and no half file is
 * left on the disk; once there is room again the same upload is kept.
 * <p>
 * The disk is a real one where the test may mount a small tmpfs (it runs as root, as on
 * the CI machine): the operating system itself answers "No space left on device".
 * Elsewhere the store writes to a directory whose every write fails as a full disk's does
 * after the first bytes, which proves the same cleanup and refusal, not the kernel's
 * words.
 */
@IntegrationTest
class DocumentStoreFaultTests {

	private static final int FILE = 200 * 1024;

	@Autowired
	Documents documents;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	@Test
	void aFullDiskRefusesTheUploadClearlyAndKeepsNoHalfFile() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		byte[] content = text(FILE);
		try (SmallDisk disk = SmallDisk.mount()) {
			Documents target = AopTestUtils.getTargetObject(this.documents);
			ContentStore usual = (ContentStore) ReflectionTestUtils.getField(target, "contents");
			ReflectionTestUtils.setField(target, "contents", disk.store());
			try {
				disk.fill();
				PortalClient client = new PortalClient(this.port).signIn(customer.email(), customer.password());

				HttpResponse<String> refused = client.post("/api/documents?name=inventory.txt", "text/plain", content);

				assertThat(refused.statusCode()).isEqualTo(507);
				assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(refused.body()).contains("There is no room left to keep files right now")
					.contains("\"reason\":\"storage-full\"");
				assertThat(this.mvc.post()
					.uri("/documents")
					.multipart()
					.file(new MockMultipartFile("file", "inventory.txt", "text/plain", content))
					.with(user(customer.email()).roles("CUSTOMER"))
					.with(csrf())).hasStatus3xxRedirection()
					.flash()
					.containsEntry("refused", "documents.refused.storage-full");
				assertThat(documentsOf(customer)).as("no document recorded").isZero();
				assertThat(disk.files()).as("no half file, no temporary file").containsExactly(disk.filler());

				disk.free();
				HttpResponse<String> kept = client.post("/api/documents?name=inventory.txt", "text/plain", content);
				assertThat(kept.statusCode()).as(kept.body()).isEqualTo(201);
				assertThat(documentsOf(customer)).isOne();
			}
			finally {
				ReflectionTestUtils.setField(target, "contents", usual);
			}
		}
	}

	private int documentsOf(TestLogin customer) {
		return this.jdbc
			.sql("select count(*) from document d join account a on a.id = d.owner_account where a.email = ?")
			.param(customer.email())
			.query(Integer.class)
			.single();
	}

	private static byte[] text(int size) {
		byte[] line = "2 mugs, 1 teapot, 4 saucers; stock count of the back room\n".getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[size];
		for (int i = 0; i < size; i++) {
			content[i] = line[i % line.length];
		}
		return content;
	}

	/**
	 * A directory on a disk of 512 KB of its own, filled up by a file until less room is
	 * left than a document needs.
	 */
	static final class SmallDisk implements AutoCloseable {

		private final Path directory;

		private final boolean mounted;

		private SmallDisk(Path directory, boolean mounted) {
			this.directory = directory;
			this.mounted = mounted;
		}

		static SmallDisk mount() throws IOException, InterruptedException {
			Path directory = Files.createTempDirectory("concierge-full-disk");
			boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", directory.toString());
			return new SmallDisk(directory, mounted);
		}

		ContentStore store() {
			FileContentStore files = new FileContentStore(this.directory);
			if (this.mounted) {
				return files;
			}
			// no tmpfs to be had: every write fails after its first bytes as a full
			// disk's
			// does, through the same store
			return new ContentStore() {

				@Override
				public void write(UUID id, ContentWriter writer) {
					files.write(id, (out) -> writer.write(new FullDisk(out, Files.exists(filler()) ? 4096 : -1)));
				}

				@Override
				public java.io.InputStream read(UUID id) throws IOException {
					return files.read(id);
				}

				@Override
				public void delete(UUID id) {
					files.delete(id);
				}

			};
		}

		Path filler() {
			return this.directory.resolve("filler");
		}

		/**
		 * Leaves less room than a document needs.
		 */
		void fill() throws IOException {
			long room = Files.getFileStore(this.directory).getUsableSpace();
			int size = this.mounted ? (int) Math.max(0, room - FILE / 2) : 1;
			Files.write(filler(), new byte[size]);
			if (this.mounted) {
				assertThat(Files.getFileStore(this.directory).getUsableSpace()).isLessThan(FILE);
			}
		}

		void free() throws IOException {
			Files.delete(filler());
		}

		List<Path> files() throws IOException {
			try (Stream<Path> all = Files.walk(this.directory)) {
				return all.filter(Files::isRegularFile).toList();
			}
		}

		@Override
		public void close() throws IOException, InterruptedException {
			if (this.mounted) {
				run("umount", this.directory.toString());
			}
			org.springframework.util.FileSystemUtils.deleteRecursively(this.directory);
		}

		private static boolean run(String... command) throws IOException, InterruptedException {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
			}
			catch (IOException noSuchCommand) {
				return false;
			}
		}

	}

	/**
	 * A disk with this many bytes of room (none counted when negative).
	 */
	static final class FullDisk extends OutputStream {

		private final OutputStream out;

		private long room;

		FullDisk(OutputStream out, long room) {
			this.out = out;
			this.room = room;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (this.room >= 0 && len > this.room) {
				this.out.write(b, off, (int) this.room);
				this.room = 0;
				throw new IOException("No space left on device");
			}
			this.out.write(b, off, len);
			if (this.room >= 0) {
				this.room -= len;
			}
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.out.close();
		}

	}

}
