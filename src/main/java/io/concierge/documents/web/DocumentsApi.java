package io.concierge.documents.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.identity.Callers;

/**
 * The documents for programs: {@code POST /api/documents?name=scan.pdf} with the file as
 * the body (any content type: the bytes are what count), answered {@code 201} with the
 * document; {@code GET /api/documents} lists the caller's, a page at a time. The body is
 * read as it is, without the multipart parsing a form needs, which costs a third of a
 * form upload's time. Refusals are problem+json in the caller's words.
 */
@RestController
class DocumentsApi {

	/** The most documents one page holds. */
	static final int MAX_SIZE = 100;

	/**
	 * A document as the API shows it.
	 */
	record Document(UUID id, DocumentKind kind, String name, String contentType, long size, Documents.State state,
			@Nullable String scanResult, Instant createdAt, URI content) {

		static Document of(Documents.DocumentView view) {
			return new Document(view.id(), view.kind(), view.name(), view.contentType(), view.size(), view.state(),
					view.scanResult(), view.createdAt(), URI.create("/documents/" + view.id() + "/content"));
		}

	}

	private final Documents documents;

	private final Callers callers;

	private final MessageSource messages;

	DocumentsApi(Documents documents, Callers callers, MessageSource messages) {
		this.documents = documents;
		this.callers = callers;
		this.messages = messages;
	}

	@PostMapping("/api/documents")
	ResponseEntity<Document> upload(@RequestParam(required = false) @Nullable String name,
			@RequestParam(defaultValue = "GENERAL") DocumentKind kind, Principal principal, HttpServletRequest request)
			throws IOException {
		if (!kind.uploadable()) {
			throw new DocumentRefused("type", kind.name());
		}
		byte[] content;
		try (InputStream body = request.getInputStream()) {
			// one byte more than allowed tells a file that is too large, without reading
			// all of it
			content = body.readNBytes((int) kind.maxSize().toBytes() + 1);
		}
		if (content.length > kind.maxSize().toBytes()) {
			throw new DocumentRefused("too-large", kind.maxSize().toMegabytes());
		}
		Documents.DocumentView kept = this.documents.upload(this.callers.of(principal), principal.getName(),
				request.getRemoteAddr(), kind, name, content);
		return ResponseEntity.created(URI.create("/api/documents/" + kept.id())).body(Document.of(kept));
	}

	/**
	 * A page of the caller's documents.
	 *
	 * @param next the address of the next page, when there is one
	 */
	record DocumentPage(List<Document> items, int page, int size, @Nullable URI next) {

	}

	@GetMapping("/api/documents")
	@Operation(summary = "The caller's documents, newest first, a page at a time",
			description = "page (from 0) and size (1 to " + MAX_SIZE + ", 25 unless given); next is the address "
					+ "of the following page, null on the last.")
	DocumentPage mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size,
			Principal principal) {
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new BadPage();
		}
		List<Document> found = this.documents.mine(this.callers.of(principal), (long) page * size, size + 1)
			.stream()
			.map(Document::of)
			.toList();
		boolean more = found.size() > size;
		return new DocumentPage(more ? found.subList(0, size) : found, page, size,
				more ? URI.create("/api/documents?page=" + (page + 1) + "&size=" + size) : null);
	}

	@ExceptionHandler(BadPage.class)
	ProblemDetail badPage(BadPage ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"page is a number from 0, size a number from 1 to " + MAX_SIZE + ".");
	}

	/** A page or size out of bounds. */
	static class BadPage extends RuntimeException {

	}

	@ExceptionHandler(DocumentRefused.class)
	ProblemDetail refused(DocumentRefused ex, Locale locale) {
		HttpStatus status = switch (ex.reason()) {
			case "too-large" -> HttpStatus.CONTENT_TOO_LARGE;
			case "too-many" -> HttpStatus.TOO_MANY_REQUESTS;
			case "scanner" -> HttpStatus.SERVICE_UNAVAILABLE;
			case "storage-full" -> HttpStatus.INSUFFICIENT_STORAGE;
			case "type", "disguised", "heic" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			default -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				this.messages.getMessage("documents.refused." + ex.reason(), ex.arguments(), locale));
		problem.setTitle("Document not kept");
		problem.setProperty("reason", ex.reason());
		return problem;
	}

}
