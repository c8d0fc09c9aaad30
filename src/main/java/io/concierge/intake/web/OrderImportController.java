package io.concierge.intake.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.OrganisationRole;
import io.concierge.intake.CsvColumns;
import io.concierge.intake.DeadLetters;
import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.Submissions;
import io.concierge.shared.NotFound;

/**
 * A company's admins and buyers upload orders as CSV: each order that can be read is
 * taken in, each row that cannot is shown with its line and why, and the company's recent
 * uploads show what became of them.
 */
@Controller
class OrderImportController {

	private static final String PAGE = "/orders/import";

	private final Submissions submissions;

	private final DeadLetters letters;

	private final Callers callers;

	OrderImportController(Submissions submissions, DeadLetters letters, Callers callers) {
		this.submissions = submissions;
		this.letters = letters;
		this.callers = callers;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		Caller caller = buyer(principal);
		model.addAttribute("required", CsvColumns.REQUIRED);
		model.addAttribute("optional", CsvColumns.OPTIONAL);
		model.addAttribute("aliases", CsvColumns.aliasesByColumn());
		model.addAttribute("recent", this.submissions.uploads(caller.organisation(), 20));
		return "intake/import";
	}

	@PostMapping(PAGE)
	String upload(@RequestParam("file") MultipartFile file, Principal principal, Model model) throws IOException {
		Caller caller = buyer(principal);
		if (file.isEmpty()) {
			model.addAttribute("problem", "import.file.empty");
		}
		else {
			take(caller, file.getBytes(), model);
		}
		return page(principal, model);
	}

	/**
	 * What the file would take in, shown before anything is: as a fragment of the page
	 * when htmx asks as soon as a file is chosen, or as the page.
	 */
	@PostMapping(PAGE + "/preview")
	String preview(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Principal principal,
			Model model) throws IOException {
		Caller caller = buyer(principal);
		if (file == null || file.isEmpty()) {
			model.addAttribute("problem", "import.file.empty");
		}
		else {
			try {
				model.addAttribute("preview", this.submissions.preview(caller.organisation(), file.getBytes()));
				model.addAttribute("previewed", file.getOriginalFilename());
			}
			catch (MalformedSubmission ex) {
				model.addAttribute("previewUnreadable", ex.getMessage());
			}
		}
		return (htmx != null) ? "intake/import :: preview" : page(principal, model);
	}

	/**
	 * The rows that were left out, corrected in the page and sent again.
	 */
	@PostMapping(PAGE + "/corrected")
	String corrected(@RequestParam(defaultValue = "") String rows, Principal principal, Model model) {
		Caller caller = buyer(principal);
		if (rows.isBlank()) {
			model.addAttribute("problem", "import.file.empty");
		}
		else {
			take(caller, rows.getBytes(StandardCharsets.UTF_8), model);
		}
		return page(principal, model);
	}

	/**
	 * One of the company's submissions: what became of it and, when rejected, what it
	 * held, to correct and send again.
	 */
	@GetMapping(PAGE + "/{id}")
	String submission(@PathVariable UUID id, Principal principal, Model model) {
		Caller caller = buyer(principal);
		Submissions.Sent sent = this.submissions.upload(caller.organisation(), id)
			.orElseThrow(() -> new NotFound("submission " + id));
		model.addAttribute("sent", sent.upload());
		if (!model.containsAttribute("body")) {
			model.addAttribute("body", sent.body());
		}
		return "intake/sent";
	}

	@PostMapping(PAGE + "/{id}")
	String resend(@PathVariable UUID id, @RequestParam(defaultValue = "") String body, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Caller caller = buyer(principal);
		try {
			this.letters.correctOwn(caller.organisation(), id, body, principal.getName(), request.getRemoteAddr());
		}
		catch (MalformedSubmission ex) {
			model.addAttribute("unreadable", ex.getMessage());
			model.addAttribute("body", body);
			return submission(id, principal, model);
		}
		redirect.addFlashAttribute("notice", "import.resent");
		return "redirect:" + PAGE + "/" + id;
	}

	private void take(Caller caller, byte[] csv, Model model) {
		try {
			model.addAttribute("batch", this.submissions.upload(caller.organisation(), csv));
		}
		catch (MalformedSubmission ex) {
			model.addAttribute("unreadable", ex.getMessage());
		}
		catch (Submissions.Backlogged ex) {
			model.addAttribute("problem", "import.busy");
		}
	}

	private Caller buyer(Principal principal) {
		Caller caller = this.callers.of(principal);
		if (caller.organisation() == null || !(caller.organisationRoles().contains(OrganisationRole.ADMIN)
				|| caller.organisationRoles().contains(OrganisationRole.BUYER))) {
			throw new AccessDeniedException("Only a company's admins and buyers import orders");
		}
		return caller;
	}

}
