package io.concierge.intake.web;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.intake.DeadLetters;
import io.concierge.intake.IntakeHealth;
import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.Submissions.State;
import io.concierge.shared.NotFound;

/**
 * The operations console for intake: held, rejected and dead submissions by cause,
 * costliest first; approve, correct, replay or discard them.
 */
@Controller
class IntakeConsoleController {

	private static final String PAGE = "/operations/intake";

	private final DeadLetters letters;

	private final IntakeHealth health;

	IntakeConsoleController(DeadLetters letters, IntakeHealth health) {
		this.letters = letters;
		this.health = health;
	}

	@GetMapping(PAGE)
	String console(Model model) {
		model.addAttribute("sources", this.health.sources());
		model.addAttribute("groups", this.letters.groups());
		return "intake/console";
	}

	@GetMapping(PAGE + "/{id}")
	String submission(@PathVariable UUID id, Model model) {
		model.addAttribute("letter", this.letters.find(id).orElseThrow(() -> new NotFound("submission " + id)));
		if (!model.containsAttribute("body")) {
			model.addAttribute("body", this.letters.payload(id));
		}
		return "intake/submission";
	}

	@PostMapping(PAGE + "/{id}/approve")
	String approve(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.letters.approve(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "intake.approved");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/replay")
	String replay(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.letters.replay(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "intake.replayed");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/replay")
	String replayAll(@RequestParam State state, @RequestParam String reasonCode, @RequestParam String reason,
			Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		int count = this.letters.replayAll(state, reasonCode, reason, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "intake.replayedAll");
		redirect.addFlashAttribute("count", count);
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/correct")
	String correct(@PathVariable UUID id, @RequestParam(defaultValue = "") String body, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			this.letters.correct(id, body, principal.getName(), request.getRemoteAddr());
		}
		catch (MalformedSubmission ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
			redirect.addFlashAttribute("body", body);
			return "redirect:" + PAGE + "/" + id;
		}
		redirect.addFlashAttribute("notice", "intake.corrected");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/discard")
	String discard(@PathVariable UUID id, @RequestParam(defaultValue = "") String why, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			this.letters.discard(id, why, principal.getName(), request.getRemoteAddr());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problemKey", "intake.discard.why");
			return "redirect:" + PAGE + "/" + id;
		}
		redirect.addFlashAttribute("notice", "intake.discarded");
		return "redirect:" + PAGE;
	}

}
