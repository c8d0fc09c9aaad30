package io.concierge.identity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * Finds the account behind an email address for Spring Security's form login.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	private final Callers callers;

	AccountUserDetailsService(AccountRepository accounts, Callers callers) {
		this.accounts = accounts;
		this.callers = callers;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		String email = normalised(username);
		Account account = this.accounts.findByEmail(email)
			.orElseThrow(() -> new UsernameNotFoundException("No account for this email"));
		List<SimpleGrantedAuthority> authorities = new ArrayList<>();
		if (account.emailVerified()) {
			authorities.add(new SimpleGrantedAuthority(account.role().authority()));
			this.callers.rolesOf(account)
				.forEach((role) -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		}
		else {
			authorities.add(new SimpleGrantedAuthority(Role.UNVERIFIED_AUTHORITY));
		}
		return User.withUsername(account.email())
			.password(account.passwordHash())
			.authorities(authorities)
			.disabled(!account.enabled())
			.build();
	}

	private static String normalised(String username) {
		try {
			return EmailAddress.of(username).value();
		}
		catch (IllegalArgumentException ex) {
			throw new UsernameNotFoundException("Not an email address");
		}
	}

}
