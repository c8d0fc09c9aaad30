package io.concierge.orders.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.orders.Channel;
import io.concierge.orders.LineStatus;
import io.concierge.orders.PolicyRules;
import io.concierge.orders.PolicySettings;

/**
 * The administrator's page for the rules of customers' changes, next to the defaults from
 * the properties.
 */
@Controller
class PolicyAdminController {

	private static final String PAGE = "/admin/order-policy";

	private final PolicySettings settings;

	PolicyAdminController(PolicySettings settings) {
		this.settings = settings;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		if (!model.containsAttribute("rules")) {
			model.addAttribute("rules", this.settings.rules());
		}
		model.addAttribute("defaults", this.settings.defaults());
		model.addAttribute("stages",
				Arrays.stream(LineStatus.values()).filter((stage) -> stage.isStage() && !stage.hasShipped()).toList());
		model.addAttribute("channels", Channel.values());
		return "orders/policy";
	}

	@PostMapping(PAGE)
	String change(@RequestParam Map<String, String> form,
			@RequestParam(name = "managedElsewhere", required = false) Set<Channel> managedElsewhere,
			Principal principal, HttpServletRequest request, RedirectAttributes redirect, Model model) {
		PolicyRules rules;
		try {
			rules = new PolicyRules(LineStatus.valueOf(form.get("cancelInstantBefore")),
					LineStatus.valueOf(form.get("cancelBefore")),
					Duration.ofHours(Long.parseLong(form.get("cancelInstantHours").strip())),
					LineStatus.valueOf(form.get("addressInstantBefore")), LineStatus.valueOf(form.get("addressBefore")),
					Integer.parseInt(form.get("returnDays").strip()),
					Integer.parseInt(form.get("lateReturnDays").strip()),
					new BigDecimal(form.get("approvalAbove").strip()),
					(managedElsewhere != null) ? managedElsewhere : Set.of(),
					form.containsKey("companyReturnsNeedApproval"),
					Arrays.stream(form.getOrDefault("rescheduleCarriers", "").split(","))
						.map(String::strip)
						.filter((carrier) -> !carrier.isEmpty())
						.map((carrier) -> carrier.toUpperCase(Locale.ROOT))
						.collect(Collectors.toSet()));
		}
		catch (RuntimeException ex) {
			model.addAttribute("problem", "policy.admin.invalid");
			model.addAttribute("rules", this.settings.rules());
			return page(model);
		}
		this.settings.change(rules, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("message", "policy.admin.saved");
		return "redirect:" + PAGE;
	}

}
