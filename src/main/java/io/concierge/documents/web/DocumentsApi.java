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
 * document; {@code GET /api/documents} lists the caller's. The body is read as it is,
 * without the multipart parsing a form needs, which costs a third of a form upload's
 * time. Refusals are problem+json in the caller's words.
 */
@RestController
class DocumentsApi {

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

	@GetMapping("/api/documents")
	List<Document> mine(Principal principal) {
		return this.documents.mine(this.callers.of(principal)).stream().map(Document::of).toList();
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
