package io.concierge.privacy.web;

import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.concierge.privacy.DeletionReceipts;
import io.concierge.privacy.Erasures;
import io.concierge.shared.NotFound;

/**
 * Deletion receipts for whoever holds the link (the account is gone by then), a page that
 * checks any receipt, and the published key to check them elsewhere.
 */
@Controller
class ReceiptController {

	private final Erasures erasures;

	private final DeletionReceipts receipts;

	ReceiptController(Erasures erasures, DeletionReceipts receipts) {
		this.erasures = erasures;
		this.receipts = receipts;
	}

	@GetMapping("/privacy/receipts/{token}")
	String receipt(@PathVariable String token, Model model) {
		model.addAttribute("receipt", this.erasures.receipt(token).orElseThrow(() -> new NotFound("receipt")));
		model.addAttribute("token", token);
		return "privacy/receipt";
	}

	@GetMapping("/privacy/receipts/{token}/receipt.jwt")
	ResponseEntity<String> download(@PathVariable String token) {
		String receipt = this.erasures.receipt(token)
			.map(Erasures.ReceiptView::receipt)
			.orElseThrow(() -> new NotFound("receipt"));
		if (receipt == null) {
			throw new NotFound("receipt");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/jwt"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("concierge-deletion-receipt.jwt").build().toString())
			.body(receipt);
	}

	@GetMapping("/privacy/verify")
	String verify() {
		return "privacy/verify";
	}

	@PostMapping("/privacy/verify")
	String verify(@RequestParam(defaultValue = "") String receipt, Model model) {
		model.addAttribute("submitted", receipt);
		model.addAttribute("result", this.receipts.verify(receipt).orElse(null));
		model.addAttribute("checked", true);
		return "privacy/verify";
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> keys() {
		return ResponseEntity.status(HttpStatus.OK)
			.header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
			.body(this.receipts.publicKeys().toJSONObject(true));
	}

}
