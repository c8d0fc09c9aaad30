package io.concierge.documents.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.documents.Documents;
import io.concierge.documents.UploadScanning;
import io.concierge.identity.StepUp;

/**
 * Administrators see the documents' key-encryption keyset and rotate it; the page shows
 * how far the re-wrap has come, and warns when uploads are not scanned for malware.
 */
@Controller
class DocumentKeysController {

	private static final String PAGE = "/admin/documents";

	private final Documents documents;

	private final StepUp stepUp;

	private final UploadScanning scanning;

	DocumentKeysController(Documents documents, StepUp stepUp, UploadScanning scanning) {
		this.documents = documents;
		this.stepUp = stepUp;
		this.scanning = scanning;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("status", this.documents.keyStatus());
		model.addAttribute("scanned", this.scanning.scanned());
		return "documents/keys";
	}

	@PostMapping(PAGE + "/rotate")
	String rotate(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		this.documents.rotate(principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("rotated", true);
		return "redirect:" + PAGE;
	}

}
