package io.concierge.web;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page.
 */
@ControllerAdvice
class LayoutModel {

	/**
	 * The page's own path, so the language links lead back to it; anything that could
	 * leave the site ({@code //host}, backslashes) becomes the home page.
	 */
	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return localPath(ErrorPages.originalPath(request));
	}

	/**
	 * Which parts of the navigation the reader sees, worked out once per page from their
	 * authorities (a security expression per link cost a tenth of a list page's time).
	 */
	record Navigation(boolean member, boolean signedIn, boolean companyAdmin, boolean orderImporter, boolean agent,
			boolean operations, boolean administrator, boolean billing, boolean partner) {

		/** What a reader nobody knows sees. */
		static final Navigation NOBODY = new Navigation(false, false, false, false, false, false, false, false, false);

	}

	@ModelAttribute("nav")
	Navigation navigation(@Nullable Authentication authentication) {
		Set<String> authorities = (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken))
						? authentication.getAuthorities()
							.stream()
							.map(GrantedAuthority::getAuthority)
							.collect(Collectors.toSet())
						: Set.of();
		boolean administrator = authorities.contains("ROLE_ADMINISTRATOR");
		boolean operations = administrator || authorities.contains("ROLE_OPERATIONS");
		boolean agent = operations || authorities.contains("ROLE_AGENT");
		return new Navigation(agent || authorities.contains("ROLE_CUSTOMER"), !authorities.isEmpty(),
				authorities.contains("ORG_ADMIN"),
				authorities.contains("ORG_ADMIN") || authorities.contains("ORG_BUYER"), agent, operations,
				administrator, billing(authorities), authorities.contains("ROLE_PARTNER"));
	}

	/**
	 * A private customer sees their invoices; in a company, its finance and admin users.
	 */
	private static boolean billing(Set<String> authorities) {
		boolean inCompany = authorities.stream().anyMatch((authority) -> authority.startsWith("ORG_"));
		return authorities.contains("ROLE_CUSTOMER")
				&& (!inCompany || authorities.contains("ORG_FINANCE") || authorities.contains("ORG_ADMIN"));
	}

	static String localPath(String path) {
		boolean local = path.startsWith("/") && !path.startsWith("//") && !path.contains("\\");
		return local ? path : "/";
	}

}
