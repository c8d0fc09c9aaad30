package io.concierge.partners.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.PortalAddress;
import io.concierge.identity.SingleSignOnDirectory;
import io.concierge.partners.InvalidPartner;
import io.concierge.partners.Partner;
import io.concierge.partners.PartnerCredentials;
import io.concierge.partners.PartnerSingleSignOn;
import io.concierge.partners.Partners;

/**
 * Operations' page of partners: make a carrier or a vendor, invite its people, bind it to
 * a single sign-on provider.
 */
@Controller
class PartnerOperationsController {

	static final String PAGE = "/operations/partners";

	private final Partners partners;

	private final PartnerCredentials credentials;

	private final PartnerSingleSignOn singleSignOn;

	private final PortalAddress portal;

	PartnerOperationsController(Partners partners, PartnerCredentials credentials, PartnerSingleSignOn singleSignOn,
			PortalAddress portal) {
		this.partners = partners;
		this.credentials = credentials;
		this.singleSignOn = singleSignOn;
		this.portal = portal;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		List<Partner> all = this.partners.all();
		Map<UUID, List<Partners.Member>> members = new LinkedHashMap<>();
		Map<UUID, List<PartnerCredentials.Credential>> credentials = new LinkedHashMap<>();
		all.forEach((partner) -> {
			members.put(partner.id(), this.partners.members(partner.id()));
			credentials.put(partner.id(), this.credentials.list(partner));
		});
		model.addAttribute("credentials", credentials);
		model.addAttribute("partners", all);
		model.addAttribute("members", members);
		model.addAttribute("kinds", Partner.Kind.values());
		model.addAttribute("providers", this.singleSignOn.providers());
		model.addAttribute("bindings", this.singleSignOn.bindings());
		return "partners/operations";
	}

	@PostMapping(PAGE)
	String create(@RequestParam(defaultValue = "CARRIER") Partner.Kind kind, @RequestParam String name,
			@RequestParam(required = false) @Nullable String carrier, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			Partner partner = this.partners.create(kind, name, carrier, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("created", partner.name());
			return "redirect:" + PAGE;
		}
		catch (InvalidPartner ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", "partners.invalid." + ex.reason());
			model.addAttribute("problemField", ex.field());
			model.addAttribute("form",
					Map.of("kind", kind.name(), "name", name, "carrier", (carrier != null) ? carrier : ""));
			return page(model);
		}
	}

	@PostMapping(PAGE + "/{id}/invitations")
	String invite(@PathVariable UUID id, @RequestParam String email, @RequestParam String name, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			Partners.Member member = this.partners.invite(id, email, name, baseUrl(), principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("invited", member.email());
			return "redirect:" + PAGE;
		}
		catch (InvalidPartner ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", "partners.invalid." + ex.reason());
			model.addAttribute("problemPartner", id);
			model.addAttribute("invite", Map.of("email", email, "name", name));
			return page(model);
		}
	}

	@PostMapping(PAGE + "/{id}/single-sign-on")
	String bind(@PathVariable UUID id, @RequestParam(required = false) @Nullable String provider,
			@RequestParam(required = false) @Nullable String domain, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			Optional<SingleSignOnDirectory.Binding> bound = this.singleSignOn.bind(id, provider, domain,
					principal.getName(), request.getRemoteAddr());
			Partner partner = this.partners.find(id).orElseThrow();
			bound.ifPresentOrElse(
					(binding) -> redirect.addFlashAttribute("ssoBound",
							List.of(partner.name(), binding.provider(), binding.domain())),
					() -> redirect.addFlashAttribute("ssoUnbound", partner.name()));
			return "redirect:" + PAGE;
		}
		catch (InvalidPartner ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", "partners.invalid." + ex.reason());
			model.addAttribute("problemField", ex.field());
			model.addAttribute("problemPartner", id);
			model.addAttribute("ssoForm",
					Map.of("provider", (provider != null) ? provider : "", "domain", (domain != null) ? domain : ""));
			return page(model);
		}
	}

	private String baseUrl() {
		return this.portal.baseUrl();
	}

}
