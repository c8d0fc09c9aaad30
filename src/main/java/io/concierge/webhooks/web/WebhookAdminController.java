package io.concierge.webhooks.web;

import java.io.Serializable;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.StepUp;
import io.concierge.shared.NotFound;
import io.concierge.webhooks.WebhookSubscriptions;
import io.concierge.webhooks.WebhookSubscriptions.InvalidSubscription;
import io.concierge.webhooks.WebhookSubscriptions.NewSubscription;
import io.concierge.webhooks.WebhookSubscriptions.Subscription;

/**
 * Administrators subscribe outside systems to integration events and read, subscriber by
 * subscriber, what each delivery got back.
 */
@Controller
class WebhookAdminController {

	private static final String PAGE = "/admin/webhooks";

	private final WebhookSubscriptions subscriptions;

	private final StepUp stepUp;

	WebhookAdminController(WebhookSubscriptions subscriptions, StepUp stepUp) {
		this.subscriptions = subscriptions;
		this.stepUp = stepUp;
	}

	/**
	 * The form as typed, to show again with what is wrong.
	 *
	 * @param all whether every event type is wanted, including those added later
	 */
	record Form(String name, String url, boolean all, List<String> eventTypes,
			String contactEmail) implements Serializable {

		static Form blank() {
			return new Form("", "https://", true, List.of(), "");
		}

		NewSubscription subscription() {
			return new NewSubscription(this.name, this.url, this.all ? List.of() : this.eventTypes, this.contactEmail);
		}

		Map<String, String> problems() {
			Map<String, String> problems = new LinkedHashMap<>(WebhookSubscriptions.problems(subscription()));
			if (!this.all && this.eventTypes.isEmpty()) {
				problems.putIfAbsent("eventTypes", "webhooks.problem.eventTypes.none");
			}
			return problems;
		}

	}

	@GetMapping(PAGE)
	String page(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Form.blank());
		}
		if (!model.containsAttribute("problems")) {
			model.addAttribute("problems", Map.of());
		}
		model.addAttribute("subscriptions", this.subscriptions.list());
		model.addAttribute("eventTypes", WebhookSubscriptions.EVENT_TYPES);
		return "webhooks/subscriptions";
	}

	@PostMapping(PAGE)
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "false") boolean all,
			@RequestParam(name = "eventType", required = false) @Nullable List<String> eventTypes,
			@RequestParam(defaultValue = "") String contactEmail, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		Form form = new Form(name.strip(), url.strip(), all, (eventTypes != null) ? List.copyOf(eventTypes) : List.of(),
				contactEmail.strip());
		Map<String, String> problems = form.problems();
		if (problems.isEmpty()) {
			try {
				WebhookSubscriptions.Created created = this.subscriptions.create(form.subscription(),
						principal.getName(), request.getRemoteAddr());
				redirect.addFlashAttribute("secret", created.secret());
				redirect.addFlashAttribute("secretFor", form.name());
				redirect.addFlashAttribute("secretId", created.id());
				return "redirect:" + PAGE;
			}
			catch (InvalidSubscription ex) {
				problems = ex.problems();
			}
		}
		redirect.addFlashAttribute("problems", new LinkedHashMap<>(problems));
		redirect.addFlashAttribute("form", form);
		return "redirect:" + PAGE + "#create-heading";
	}

	@GetMapping(PAGE + "/{id}")
	String subscription(@PathVariable UUID id, Model model) {
		model.addAttribute("subscription", existing(id));
		model.addAttribute("deliveries", this.subscriptions.deliveries(id));
		model.addAttribute("logSize", WebhookSubscriptions.LOG_SIZE);
		return "webhooks/subscription";
	}

	@PostMapping(PAGE + "/{id}/disable")
	String disable(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.subscriptions.disable(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "webhooks.disabled");
		return "redirect:" + PAGE + "/" + id;
	}

	@PostMapping(PAGE + "/{id}/enable")
	String enable(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.subscriptions.enable(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "webhooks.enabled");
		return "redirect:" + PAGE + "/" + id;
	}

	@PostMapping(PAGE + "/{id}/secret")
	String rotateSecret(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		Subscription subscription = existing(id);
		this.stepUp.require(principal, request, PAGE + "/" + id);
		redirect.addFlashAttribute("secret",
				this.subscriptions.rotateSecret(id, principal.getName(), request.getRemoteAddr()));
		redirect.addFlashAttribute("secretFor", subscription.name());
		return "redirect:" + PAGE + "/" + id;
	}

	@PostMapping(PAGE + "/{id}/remove")
	String remove(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.subscriptions.remove(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "webhooks.removed");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/deliveries/{delivery}/send-again")
	String sendAgain(@PathVariable UUID id, @PathVariable UUID delivery, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.subscriptions.sendAgain(id, delivery, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "webhooks.sentAgain");
		return "redirect:" + PAGE + "/" + id;
	}

	private Subscription existing(UUID id) {
		return this.subscriptions.find(id).orElseThrow(() -> new NotFound("webhook subscription " + id));
	}

}
