package io.concierge.privacy.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;

/**
 * Administrators browse the audit trail and check that nobody has tampered with it.
 */
@Controller
@RequestMapping("/admin/audit")
class AuditTrailController {

	private static final int PAGE_SIZE = 50;

	private final AuditTrail trail;

	AuditTrailController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	String trail(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable Long before,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) @Nullable String restore,
			Model model) {
		model.addAttribute("q", q);
		model.addAttribute("page", this.trail.search(new AuditQuery(q, before, PAGE_SIZE)));
		return (htmx != null && restore == null) ? "privacy/audit-trail :: results" : "privacy/audit-trail";
	}

	@GetMapping("/integrity")
	String integrity(@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		model.addAttribute("verification", this.trail.verify());
		if (htmx != null) {
			return "privacy/audit-trail :: integrity";
		}
		model.addAttribute("q", "");
		model.addAttribute("page", this.trail.search(new AuditQuery("", null, PAGE_SIZE)));
		return "privacy/audit-trail";
	}

}
