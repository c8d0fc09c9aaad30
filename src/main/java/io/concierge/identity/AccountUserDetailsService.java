package io.concierge.identity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * Finds the account behind an email address for Spring Security's form login, and keeps
 * the hash of a password that was just checked when the encoder says it is weaker than
 * today's (older Argon2id parameters), so stored hashes grow stronger as people sign in.
 */
@Component
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository accounts;

	private final Callers callers;

	private final JdbcClient jdbc;

	AccountUserDetailsService(AccountRepository accounts, Callers callers, JdbcClient jdbc) {
		this.accounts = accounts;
		this.callers = callers;
		this.jdbc = jdbc;
	}

	/**
	 * Called by Spring Security after a right password whose hash should be upgraded.
	 */
	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		this.jdbc.sql("update account set password_hash = ? where email = ?")
			.param(newPassword)
			.param(user.getUsername())
			.update();
		return User.withUserDetails(user).password(newPassword).build();
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
