package io.concierge.web;

import java.security.Principal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;

/**
 * The signed-in caller, for clients of the API.
 */
@RestController
class MeApi {

	private final Accounts accounts;

	MeApi(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/me")
	Me me(Principal principal) {
		AccountView account = this.accounts.findByEmail(EmailAddress.of(principal.getName())).orElseThrow();
		return new Me(account.id(), account.email().value(), account.displayName(), account.role().name(),
				account.organisationName());
	}

	record Me(UUID id, String email, String name, String role, @Nullable String organisation) {
	}

}
