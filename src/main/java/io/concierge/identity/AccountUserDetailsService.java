package io.concierge.identity;

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

	AccountUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		String email = normalised(username);
		Account account = this.accounts.findByEmail(email)
			.orElseThrow(() -> new UsernameNotFoundException("No account for this email"));
		return User.withUsername(account.email())
			.password(account.passwordHash())
			.authorities(List.of(new SimpleGrantedAuthority(
					account.emailVerified() ? account.role().authority() : Role.UNVERIFIED_AUTHORITY)))
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
