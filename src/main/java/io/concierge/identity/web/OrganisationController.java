package io.concierge.identity.web;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.OrganisationRole;
import io.concierge.identity.Organisations;
import io.concierge.identity.PortalAddress;
import io.concierge.shared.EmailAddress;

/**
 * The company account's admin page: members and their roles, invitations.
 */
@Controller
class OrganisationController {

	private static final String PAGE = "/organisation";

	private final Organisations organisations;

	private final Callers callers;

	private final PortalAddress address;

	OrganisationController(Organisations organisations, Callers callers, PortalAddress address) {
		this.organisations = organisations;
		this.callers = callers;
		this.address = address;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		model.addAttribute("organisation", this.organisations.overview(this.callers.of(principal)));
		model.addAttribute("allRoles", OrganisationRole.values());
		return "identity/organisation";
	}

	@PostMapping(PAGE + "/invitations")
	String invite(@RequestParam(defaultValue = "") String email,
			@RequestParam(name = "roles", required = false) List<OrganisationRole> roles, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Caller caller = this.callers.of(principal);
		String problem = null;
		EmailAddress invitee = null;
		try {
			invitee = EmailAddress.of(email);
		}
		catch (IllegalArgumentException ex) {
			problem = "form.email.invalid";
		}
		if (problem == null && (roles == null || roles.isEmpty())) {
			problem = "organisation.invite.noRole";
		}
		if (problem == null) {
			try {
				this.organisations.invite(caller, invitee, EnumSet.copyOf(roles), this.address.baseUrl(),
						request.getRemoteAddr());
				redirect.addFlashAttribute("notice", "organisation.invite.sent");
				return "redirect:" + PAGE;
			}
			catch (IllegalStateException ex) {
				problem = "organisation.invite.member";
			}
		}
		model.addAttribute("inviteProblem", problem);
		model.addAttribute("inviteEmail", email);
		return page(principal, model);
	}

	@PostMapping(PAGE + "/invitations/{id}/revoke")
	String revoke(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.organisations.revokeInvitation(this.callers.of(principal), id, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "organisation.invite.revoked");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/members/{id}/roles")
	String roles(@PathVariable UUID id, @RequestParam(name = "roles", required = false) List<OrganisationRole> roles,
			Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		Set<OrganisationRole> chosen = (roles == null || roles.isEmpty()) ? EnumSet.noneOf(OrganisationRole.class)
				: EnumSet.copyOf(roles);
		try {
			this.organisations.changeRoles(this.callers.of(principal), id, chosen, request.getRemoteAddr());
			redirect.addFlashAttribute("notice", "organisation.roles.saved");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("problem", "organisation.lastAdmin");
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/members/{id}/remove")
	String remove(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			this.organisations.remove(this.callers.of(principal), id, request.getRemoteAddr());
			redirect.addFlashAttribute("notice", "organisation.member.removed");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("problem", "organisation.lastAdmin");
		}
		return "redirect:" + PAGE;
	}

}
