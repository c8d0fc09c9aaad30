package io.concierge.orders.web;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.orders.ChangeApprovals;
import io.concierge.orders.ChangeRefused;
import io.concierge.orders.ChangeStatus;
import io.concierge.orders.InvalidChange;
import io.concierge.shared.NotFound;

/**
 * The agents' queue: what customers asked for that the policy left to a person, with the
 * order, the customer's reason and photos; approve, or reject with a reason the customer
 * reads. Returns on their way back are moved on here when the warehouse does not report
 * them itself.
 */
@Controller
class ChangeQueueController {

	private static final String PAGE = "/operations/changes";

	private final ChangeApprovals approvals;

	private final VerdictTexts texts;

	ChangeQueueController(ChangeApprovals approvals, VerdictTexts texts) {
		this.approvals = approvals;
		this.texts = texts;
	}

	@GetMapping(PAGE)
	String queue(Model model) {
		model.addAttribute("pending", this.approvals.pending());
		model.addAttribute("returns", this.approvals.returnsUnderWay());
		return "orders/approvals";
	}

	@GetMapping(PAGE + "/{id}")
	String change(@PathVariable UUID id, Model model) {
		model.addAttribute("review", this.approvals.review(id));
		return "orders/approval";
	}

	@GetMapping(PAGE + "/{id}/photos/{photo}")
	ResponseEntity<byte[]> photo(@PathVariable UUID id, @PathVariable UUID photo, java.security.Principal principal) {
		var found = this.approvals.photo(id, photo, principal.getName())
			.orElseThrow(() -> new NotFound("photo " + photo));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(found.contentType()))
			.cacheControl(CacheControl.noStore())
			// shown in the page, never run or framed on its own
			.header("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
			.body(found.content());
	}

	@PostMapping(PAGE + "/{id}/approve")
	String approve(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			this.approvals.approve(id, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("message", "approvals.approved");
			return "redirect:" + PAGE;
		}
		catch (ChangeRefused refused) {
			redirect.addFlashAttribute("problem", this.texts.explain(refused.verdict()));
		}
		catch (InvalidChange invalid) {
			redirect.addFlashAttribute("problem",
					this.texts.text(invalid.problems().values().iterator().next(), invalid.arguments()));
		}
		return "redirect:" + PAGE + "/" + id;
	}

	@PostMapping(PAGE + "/{id}/reject")
	String reject(@PathVariable UUID id, @RequestParam String reason, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			this.approvals.reject(id, principal.getName(), reason, request.getRemoteAddr());
			redirect.addFlashAttribute("message", "approvals.rejected");
			return "redirect:" + PAGE;
		}
		catch (InvalidChange invalid) {
			redirect.addFlashAttribute("problem",
					this.texts.text(invalid.problems().values().iterator().next(), invalid.arguments()));
			return "redirect:" + PAGE + "/" + id;
		}
	}

	@PostMapping(PAGE + "/returns/{returnNumber}")
	String advance(@PathVariable String returnNumber, @RequestParam ChangeStatus status,
			@RequestParam(required = false) String note, @RequestParam UUID change, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			this.approvals.advanceReturn(returnNumber, status, note, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("message", "approvals.advanced");
		}
		catch (InvalidChange invalid) {
			redirect.addFlashAttribute("problem",
					this.texts.text(invalid.problems().values().iterator().next(), invalid.arguments()));
		}
		return "redirect:" + PAGE + "/" + change;
	}

}
