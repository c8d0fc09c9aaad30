package io.concierge.privacy.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.privacy.Retention;
import io.concierge.privacy.RetentionTable;
import io.concierge.shared.PersonalData.Erased;

/**
 * Administrators see the retention table and what each retention run removed, and can run
 * the jobs at once.
 */
@Controller
class PrivacyAdminController {

	private static final String PAGE = "/admin/privacy";

	private final Retention retention;

	PrivacyAdminController(Retention retention) {
		this.retention = retention;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("runs", this.retention.recent());
		model.addAttribute("retention", RetentionTable.CLASSES);
		return "privacy/admin";
	}

	@PostMapping(PAGE + "/run")
	String run(RedirectAttributes redirect) {
		List<Erased> removed = this.retention.run();
		if (removed.isEmpty()) {
			redirect.addFlashAttribute("problem", "privacy.admin.busy");
		}
		else {
			redirect.addFlashAttribute("ran",
					removed.stream()
						.filter((erased) -> erased.outcome() != io.concierge.shared.PersonalData.Outcome.KEPT)
						.mapToLong(Erased::rows)
						.sum());
		}
		return "redirect:" + PAGE;
	}

}
