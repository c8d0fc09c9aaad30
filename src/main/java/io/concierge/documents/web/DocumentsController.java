package io.concierge.documents.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.StepUp;
import io.concierge.shared.NotFound;

/**
 * A customer's documents: upload one, see each with who opened it, download it.
 */
@Controller
class DocumentsController {

	private static final int DOWNLOAD_BUFFER = 256 * 1024;

	private static final int TEXT_SAMPLE = 64 * 1024;

	/**
	 * A download replaces the pages' policy: opened in the browser it runs nothing, loads
	 * nothing and cannot be framed by another site.
	 */
	static final String DOWNLOAD_POLICY = "sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	private static final String PAGE = "/documents";

	private final Documents documents;

	private final Callers callers;

	private final StepUp stepUp;

	DocumentsController(Documents documents, Callers callers, StepUp stepUp) {
		this.documents = documents;
		this.callers = callers;
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		model.addAttribute("documents", this.documents.mine(this.callers.of(principal)));
		model.addAttribute("kinds",
				java.util.Arrays.stream(DocumentKind.values()).filter(DocumentKind::uploadable).toList());
		return "documents/list";
	}

	@PostMapping(PAGE)
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(defaultValue = "GENERAL") DocumentKind kind, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) throws IOException {
		Caller caller = this.callers.of(principal);
		try {
			Documents.DocumentView stored = this.documents.upload(caller, principal.getName(), request.getRemoteAddr(),
					kind, (file != null) ? file.getOriginalFilename() : null,
					(file != null) ? file.getBytes() : new byte[0]);
			// flash attributes live in the session, so plain text
			redirect.addFlashAttribute((stored.state() == Documents.State.QUARANTINED) ? "quarantined" : "stored",
					stored.name());
			redirect.addFlashAttribute("scanResult", String.valueOf(stored.scanResult()));
		}
		catch (DocumentRefused ex) {
			refused(ex, redirect);
		}
		return "redirect:" + PAGE;
	}

	/**
	 * The document itself, as an attachment that no browser runs: its name as display
	 * text only, its type as detected, sniffing off, a sandbox; a range of it when asked.
	 */
	@GetMapping(PAGE + "/{id}/content")
	ResponseEntity<?> download(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response) throws IOException {
		Caller caller = this.callers.of(principal);
		Documents.DocumentView document = this.documents.describe(caller, id)
			.orElseThrow(() -> new NotFound("document " + id));
		if (document.state() == Documents.State.QUARANTINED) {
			// never served: the page says why
			return ResponseEntity.status(410)
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body("Quarantined: not served.");
		}
		if (document.kind().needsStepUp()) {
			this.stepUp.require(principal, request, PAGE);
		}
		// written to the connection in large pieces, not 8 KB at a time
		response.setBufferSize(DOWNLOAD_BUFFER);
		return attachment(this.documents.open(caller, principal.getName(), id));
	}

	/**
	 * Why the document was refused, for the page; flash attributes live in the session,
	 * so as plain text.
	 */
	private static void refused(DocumentRefused ex, RedirectAttributes redirect) {
		redirect.addFlashAttribute("refused", "documents.refused." + ex.reason());
		redirect.addFlashAttribute("refusedArguments",
				java.util.Arrays.stream(ex.arguments()).map(String::valueOf).toArray(String[]::new));
	}

	private static ResponseEntity<Resource> attachment(Documents.Opened opened) throws IOException {
		return ResponseEntity.ok()
			.contentType(servedAs(opened))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(opened.document().downloadName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", DOWNLOAD_POLICY)
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(opened.content());
	}

	/**
	 * The document's type; text names its charset, so that no browser guesses one: UTF-8
	 * when its start reads as UTF-8, else ISO-8859-1, in which any byte is a character.
	 */
	static MediaType servedAs(Documents.Opened opened) throws IOException {
		MediaType type = MediaType.parseMediaType(opened.document().contentType());
		if (!"text".equals(type.getType()) || type.getCharset() != null) {
			return type;
		}
		byte[] start;
		try (InputStream content = opened.content().getInputStream()) {
			start = content.readNBytes(TEXT_SAMPLE);
		}
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(start);
		CoderResult read = utf8.decode(bytes, CharBuffer.allocate(start.length), start.length < TEXT_SAMPLE);
		// a sample cut in the middle of a character still reads as UTF-8
		boolean isUtf8 = !read.isError() && (start.length < TEXT_SAMPLE || bytes.remaining() < 4);
		return new MediaType(type, isUtf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
	}

	@PostMapping(PAGE + "/{id}/links")
	String share(@PathVariable UUID id, @RequestParam(defaultValue = "7") int days, Principal principal,
			RedirectAttributes redirect) {
		try {
			Documents.SharedLink link = this.documents.share(this.callers.of(principal), principal.getName(), id,
					java.time.Duration.ofDays(days));
			redirect.addFlashAttribute("sharedLink",
					org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
						.path("/documents/shared/{token}")
						.buildAndExpand(link.token())
						.toUriString());
		}
		catch (DocumentRefused ex) {
			refused(ex, redirect);
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/links/{link}/revoke")
	String revoke(@PathVariable UUID id, @PathVariable UUID link, Principal principal, RedirectAttributes redirect) {
		this.documents.revoke(this.callers.of(principal), link);
		redirect.addFlashAttribute("revoked", true);
		return "redirect:" + PAGE;
	}

	/**
	 * A document for whoever has its link, served as the owner's download is.
	 */
	@GetMapping(PAGE + "/shared/{token}")
	ResponseEntity<Resource> shared(@PathVariable String token) throws IOException {
		return attachment(this.documents.openShared(token));
	}

}
