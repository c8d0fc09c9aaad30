package io.concierge.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The document store on the real database and file system: encrypted at rest, served only
 * to its owner with headers no browser runs it under, every opening logged, bad files
 * refused with their reason and nothing kept, malware quarantined, keys rotated without
 * losing a document.
 */
@IntegrationTest
class DocumentsTests {

	private static final byte[] SECRET_TEXT = "Kundennummer 4711, Passwort im Tresor\n"
		.getBytes(StandardCharsets.UTF_8);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Documents documents;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KeyEncryptionKeys keys;

	@Autowired
	ContentStore contents;

	@Autowired
	DocumentSettings settings;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void aDocumentIsEncryptedAtRestAndServedToItsOwnerAloneAsAnAttachment() throws IOException {
		String owner = TestLogins.customer(this.accounts).email();
		Documents.DocumentView stored = this.documents.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL,
				"../../etc/Kundennummer.txt", SECRET_TEXT);

		assertThat(stored.name()).isEqualTo("Kundennummer.txt");
		assertThat(stored.contentType()).isEqualTo("text/plain");
		try (Stream<Path> files = Files.walk(this.settings.directory())) {
			Path file = files.filter((path) -> path.getFileName().toString().equals(stored.id().toString()))
				.findFirst()
				.orElseThrow();
			assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
				.doesNotContain("Kundennummer");
		}

		MvcTestResult download = this.mvc.get()
			.uri("/documents/{id}/content", stored.id())
			.with(user(owner).roles("CUSTOMER"))
			.exchange();
		assertThat(download).hasStatusOk()
			.hasHeader("X-Content-Type-Options", "nosniff")
			.hasHeader("Content-Security-Policy",
					"sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
		assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
			.contains("filename*=UTF-8''Kundennummer.txt");
		assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(SECRET_TEXT);

		MvcTestResult range = this.mvc.get()
			.uri("/documents/{id}/content", stored.id())
			.header("Range", "bytes=0-11")
			.with(user(owner).roles("CUSTOMER"))
			.exchange();
		assertThat(range).hasStatus(206);
		assertThat(range.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo("Kundennummer");

		String stranger = TestLogins.customer(this.accounts).email();
		assertThat(this.mvc.get().uri("/documents/{id}/content", stored.id()).with(user(stranger).roles("CUSTOMER")))
			.hasStatus(404);
		assertThat(this.documents.find(caller(owner), stored.id()).orElseThrow().accesses())
			.extracting(Documents.Access::actorKind)
			.containsExactly(Documents.ActorKind.OWNER, Documents.ActorKind.OWNER);
	}

	@Test
	void aFileDownloadsWithTheExtensionOfTheTypeFoundInItsBytes() {
		String owner = TestLogins.customer(this.accounts).email();
		Documents.DocumentView page = this.documents.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL,
				"page.html", "Just text, no markup.".getBytes(StandardCharsets.UTF_8));

		assertThat(page.name()).as("shown as uploaded").isEqualTo("page.html");
		assertThat(page.contentType()).isEqualTo("text/plain");
		assertThat(page.downloadName()).isEqualTo("page.txt");
		MvcTestResult download = this.mvc.get()
			.uri("/documents/{id}/content", page.id())
			.with(user(owner).roles("CUSTOMER"))
			.exchange();
		assertThat(download).hasStatusOk();
		assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
			.contains("filename*=UTF-8''page.txt")
			.doesNotContain(".html");

		assertThat(ContentTypes.downloadName("scan", "application/pdf")).isEqualTo("scan.pdf");
		assertThat(ContentTypes.downloadName("invoice.pdf.exe", "application/pdf")).isEqualTo("invoice.pdf.pdf");
		assertThat(ContentTypes.downloadName("Photo.JPEG", "image/jpeg")).isEqualTo("Photo.JPEG");
		assertThat(ContentTypes.downloadName("photo.png", "image/jpeg")).isEqualTo("photo.jpg");
		assertThat(ContentTypes.downloadName("orders.csv", "text/csv")).isEqualTo("orders.csv");
		assertThat(ContentTypes.downloadName("notes.svg", "text/plain")).isEqualTo("notes.txt");
	}

	@Test
	void theOwnerSeesWhenStaffAndTheSystemOpenedADocumentAndWhy() {
		String owner = TestLogins.customer(this.accounts).email();
		UUID id = this.documents
			.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL, "note.txt", SECRET_TEXT)
			.id();

		this.documents.openAsStaff("agent@example.com", id, "ticket 42: checking the delivery note");
		assertThat(this.documents.read(id, "attached to an email")).isEqualTo(SECRET_TEXT);

		assertThat(this.mvc.get().uri("/documents").with(user(owner).roles("CUSTOMER"))).hasStatusOk()
			.bodyText()
			.contains("Staff: agent@example.com")
			.contains("ticket 42: checking the delivery note")
			.contains("attached to an email");
	}

	@Test
	void badFilesAreRefusedWithTheirReasonAndNothingIsKept() {
		String owner = TestLogins.customer(this.accounts).email();
		Caller caller = caller(owner);
		assertThat(refusal(caller, "empty.pdf", new byte[0])).isEqualTo("empty");
		assertThat(
				refusal(caller, "page.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("type");
		assertThat(
				refusal(caller, "invoice.pdf",
						"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF"
							.getBytes(StandardCharsets.US_ASCII)))
			.as("a PDF that is also a web page")
			.isEqualTo("disguised");
		assertThat(refusal(caller, "setup.exe", new byte[] { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 }))
			.isEqualTo("type");
		assertThat(refusal(caller, "big.txt", "a".repeat(11 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("too-large");
		assertThat(this.documents.mine(caller)).isEmpty();

		MockMultipartFile html = new MockMultipartFile("file", "x.pdf", "application/pdf",
				"<!DOCTYPE html><p>hi".getBytes(StandardCharsets.UTF_8));
		assertThat(this.mvc.post()
			.uri("/documents")
			.multipart()
			.file(html)
			.with(user(owner).roles("CUSTOMER"))
			.with(csrf())).hasStatus3xxRedirection().flash().containsEntry("refused", "documents.refused.type");
	}

	@Test
	void aPhotoLosesItsLocationAndCameraDetails() throws IOException {
		String owner = TestLogins.customer(this.accounts).email();
		byte[] photo = withExif(jpeg(), "GPS 52.5200 N 13.4050 E Canon EOS");

		Documents.DocumentView stored = this.documents.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL,
				"IMG_0001.jpg", photo);

		byte[] kept = this.documents.read(stored.id(), "test");
		assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS 52.5200");
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(kept)).getWidth()).isEqualTo(64);
	}

	@Test
	void aFileTheScannerFindsMalwareInIsQuarantinedAndNeverServed() throws Exception {
		// the EICAR test file, put together here so that no scanner flags the source
		String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
		try (FakeClamd clamd = new FakeClamd(eicar)) {
			Documents scanned = new Documents(this.jdbc, this.keys, this.contents,
					new MalwareScanner(new DocumentSettings(this.settings.directory(), this.settings.keyset(),
							"127.0.0.1:" + clamd.port(), Duration.ofSeconds(5), 60, null)),
					this.settings, this.events, Clock.systemUTC());
			String owner = TestLogins.customer(this.accounts).email();

			Documents.DocumentView clean = scanned.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL,
					"clean.txt", SECRET_TEXT);
			Documents.DocumentView infected = scanned.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL,
					"eicar.txt", eicar.getBytes(StandardCharsets.US_ASCII));

			assertThat(clean.state()).isEqualTo(Documents.State.AVAILABLE);
			assertThat(infected.state()).isEqualTo(Documents.State.QUARANTINED);
			assertThat(infected.scanResult()).isEqualTo("Eicar-Test-Signature");
			assertThatThrownBy(() -> scanned.open(caller(owner), owner, infected.id()))
				.isInstanceOf(DocumentRefused.class);
			assertThat(this.mvc.get().uri("/documents/{id}/content", infected.id()).with(user(owner).roles("CUSTOMER")))
				.hasStatus(410);
			assertThat(clamd.scans()).isEqualTo(2);
		}
		Documents unreachable = new Documents(this.jdbc, this.keys, this.contents,
				new MalwareScanner(new DocumentSettings(this.settings.directory(), this.settings.keyset(),
						"127.0.0.1:9", Duration.ofSeconds(1), 60, null)),
				this.settings, this.events, Clock.systemUTC());
		String owner = TestLogins.customer(this.accounts).email();
		assertThatThrownBy(
				() -> unreachable.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL, "a.txt", SECRET_TEXT))
			.isInstanceOfSatisfying(DocumentRefused.class, (ex) -> assertThat(ex.reason()).isEqualTo("scanner"));
	}

	@Test
	void aRotatedKeysetKeepsEveryDocumentReadableAndRewrapsThemAll() {
		String owner = TestLogins.customer(this.accounts).email();
		UUID before = this.documents
			.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL, "before.txt", SECRET_TEXT)
			.id();
		long old = this.keys.primary();

		long rotated = this.keys.rotate();

		assertThat(rotated).isNotEqualTo(old);
		assertThat(this.documents.read(before, "test")).isEqualTo(SECRET_TEXT);
		while (this.documents.rewrap(50) > 0) {
			// on until every document is wrapped with the new key
		}
		assertThat(
				this.jdbc.sql("select kek_key_id from document where id = ?").param(before).query(Long.class).single())
			.isEqualTo(rotated);
		assertThat(this.documents.read(before, "test")).isEqualTo(SECRET_TEXT);
	}

	@Test
	void administratorsSeeTheKeysetAndRotateIt(@Autowired Accounts accounts) {
		String admin = TestLogins.staffWithoutSecondFactor(accounts, io.concierge.identity.Role.ADMINISTRATOR).email();
		long before = this.keys.primary();

		assertThat(this.mvc.post().uri("/admin/documents/rotate").with(user(admin).roles("ADMINISTRATOR")).with(csrf()))
			.hasRedirectedUrl("/admin/documents");

		assertThat(this.keys.primary()).isNotEqualTo(before);
		assertThat(this.mvc.get().uri("/admin/documents").with(user(admin).roles("ADMINISTRATOR"))).hasStatusOk()
			.bodyText()
			.contains("Still wrapped with an older key");
		assertThat(this.mvc.post()
			.uri("/admin/documents/rotate")
			.with(user("customer@example.com").roles("CUSTOMER"))
			.with(csrf())).hasStatus(403);
	}

	@Test
	void aSharedLinkOpensTheDocumentForAnyoneUntilItIsRevokedAndEachUseIsLogged() {
		String owner = TestLogins.customer(this.accounts).email();
		UUID id = this.documents
			.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL, "delivery-note.txt", SECRET_TEXT)
			.id();

		MvcTestResult made = this.mvc.post()
			.uri("/documents/{id}/links", id)
			.param("days", "7")
			.with(user(owner).roles("CUSTOMER"))
			.with(csrf())
			.exchange();
		String link = (String) made.getMvcResult().getFlashMap().get("sharedLink");
		String path = link.substring(link.indexOf("/documents/shared/"));

		MvcTestResult shared = this.mvc.get().uri(path).exchange();
		assertThat(shared).hasStatusOk().hasHeader("X-Content-Type-Options", "nosniff");
		assertThat(shared.getResponse().getContentAsByteArray()).isEqualTo(SECRET_TEXT);
		assertThat(this.mvc.get().uri(path + "x")).hasStatus(404);
		Documents.DocumentView document = this.documents.find(caller(owner), id).orElseThrow();
		assertThat(document.accesses()).extracting(Documents.Access::actorKind)
			.containsExactly(Documents.ActorKind.LINK);

		String stranger = TestLogins.customer(this.accounts).email();
		assertThat(this.mvc.post()
			.uri("/documents/{id}/links/{link}/revoke", id, document.links().getFirst().id())
			.with(user(stranger).roles("CUSTOMER"))
			.with(csrf())).hasStatus(404);
		this.documents.revoke(caller(owner), document.links().getFirst().id());
		assertThat(this.mvc.get().uri(path)).hasStatus(404);

		UUID passport = this.documents
			.upload(caller(owner), owner, "127.0.0.1", DocumentKind.IDENTITY, "passport.txt", SECRET_TEXT)
			.id();
		assertThatThrownBy(() -> this.documents.share(caller(owner), owner, passport, Duration.ofDays(1)))
			.isInstanceOfSatisfying(DocumentRefused.class, (ex) -> assertThat(ex.reason()).isEqualTo("not-shareable"));
	}

	@Test
	void aDocumentWhoseRowIsRolledBackLeavesNoContentBehind(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws IOException {
		String owner = TestLogins.customer(this.accounts).email();
		UUID[] id = new UUID[1];

		transactions.executeWithoutResult((status) -> {
			id[0] = this.documents
				.upload(caller(owner), owner, "127.0.0.1", DocumentKind.GENERAL, "gone.txt", SECRET_TEXT)
				.id();
			status.setRollbackOnly();
		});

		try (Stream<Path> files = Files.walk(this.settings.directory())) {
			assertThat(files.map((path) -> path.getFileName().toString())).doesNotContain(id[0].toString());
		}
		assertThat(this.documents.mine(caller(owner))).isEmpty();
	}

	private String refusal(Caller caller, String name, byte[] content) {
		try {
			this.documents.upload(caller, "someone@example.com", "127.0.0.1", DocumentKind.GENERAL, name, content);
			return "kept";
		}
		catch (DocumentRefused ex) {
			return ex.reason();
		}
	}

	private Caller caller(String email) {
		return this.callers.of((Principal) () -> email);
	}

	private static byte[] jpeg() throws IOException {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		image.createGraphics().fillRect(8, 8, 20, 20);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	/**
	 * The JPEG with an APP1 Exif segment after its start marker.
	 */
	private static byte[] withExif(byte[] jpeg, String text) {
		byte[] payload = ("Exif\0\0" + text).getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE1);
		out.write((payload.length + 2) >> 8);
		out.write((payload.length + 2) & 0xFF);
		out.write(payload, 0, payload.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * Speaks clamd's INSTREAM protocol on a local port: finds the EICAR string and
	 * nothing else.
	 */
	static final class FakeClamd implements AutoCloseable {

		private final ServerSocket server;

		private final String signature;

		private volatile int scans;

		FakeClamd(String eicar) throws IOException {
			this.server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
			this.signature = eicar;
			Thread.ofVirtual().start(this::serve);
		}

		int port() {
			return this.server.getLocalPort();
		}

		int scans() {
			return this.scans;
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					InputStream in = socket.getInputStream();
					byte[] command = in.readNBytes(10);
					if (!new String(command, StandardCharsets.US_ASCII).equals("zINSTREAM\0")) {
						continue;
					}
					ByteArrayOutputStream content = new ByteArrayOutputStream();
					while (true) {
						byte[] length = in.readNBytes(4);
						int size = java.nio.ByteBuffer.wrap(length).getInt();
						if (size == 0) {
							break;
						}
						content.write(in.readNBytes(size));
					}
					this.scans++;
					OutputStream out = socket.getOutputStream();
					boolean found = content.toString(StandardCharsets.ISO_8859_1).contains(this.signature);
					out.write(((found ? "stream: Eicar-Test-Signature FOUND" : "stream: OK") + "\0")
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
