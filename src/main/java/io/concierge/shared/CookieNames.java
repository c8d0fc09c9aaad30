package io.concierge.shared;

/**
 * The product's own cookies all live at path {@code /}, for this host only: when they are
 * {@code Secure} their names carry the {@code __Host-} prefix, which a browser accepts
 * only on a {@code Secure} cookie of path {@code /} without a domain, so no subdomain and
 * no plain-HTTP page can set or shadow them (RFC 6265bis, 4.1.3.2).
 */
public final class CookieNames {

	public static final String HOST_PREFIX = "__Host-";

	private CookieNames() {
	}

	/**
	 * The name a cookie goes by: prefixed when it is {@code Secure}.
	 */
	public static String of(String name, boolean secure) {
		return secure ? HOST_PREFIX + name : name;
	}

}
