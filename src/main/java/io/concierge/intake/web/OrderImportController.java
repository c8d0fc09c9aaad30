package io.concierge.intake.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.OrganisationRole;
import io.concierge.intake.CsvColumns;
import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.Submissions;

/**
 * A company's admins and buyers upload orders as CSV: each order that can be read is
 * taken in, each row that cannot is shown with its line and why, and the company's recent
 * uploads show what became of them.
 */
@Controller
class OrderImportController {

	private static final String PAGE = "/orders/import";

	private final Submissions submissions;

	private final Callers callers;

	OrderImportController(Submissions submissions, Callers callers) {
		this.submissions = submissions;
		this.callers = callers;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		Caller caller = buyer(principal);
		model.addAttribute("required", CsvColumns.REQUIRED);
		model.addAttribute("optional", CsvColumns.OPTIONAL);
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
