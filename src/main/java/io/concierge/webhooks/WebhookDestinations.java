package io.concierge.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may go (server-side request forgery): only to public addresses. A
 * subscription's host is resolved when it is made and again before every post, and is
 * refused when any of its addresses is this machine, a private network (RFC 1918, IPv6
 * unique-local, carrier-grade NAT), link-local (169.254.169.254, where cloud servers keep
 * their credentials, among them), multicast or another reserved range. The post then goes
 * to what was just checked: the JVM keeps a resolved name for 30 s
 * ({@code networkaddress.cache.ttl}), so the HTTP client's own look-up right after is
 * answered from that cache, and a name that changes its answer in between (DNS rebinding)
 * cannot slip past. Redirects are never followed.
 * <p>
 * {@code concierge.webhooks.allowed-hosts}: when set, only these hosts (or, for
 * {@code *.example.com}, those under it) may be subscribed, and they may lead into a
 * private network, as the operator named them; never to this machine, link-local,
 * multicast or reserved addresses. {@code concierge.webhooks.allow-localhost}: this
 * machine is allowed too (the demo and the tests, whose receivers listen on
 * {@code 127.0.0.1}).
 */
@Component
class WebhookDestinations {

	/** Resolves a host name to its addresses; replaced in tests. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/**
	 * Why a destination is refused: the message key the pages show, and the same in words
	 * for the delivery log.
	 */
	record Refusal(String messageKey, String reason) {

	}

	private enum Kind {

		PUBLIC(null), PRIVATE("a private network"), LOOPBACK("this machine"), LINK_LOCAL("a link-local address"),
		MULTICAST("a multicast address"), RESERVED("a reserved address");

		private final @Nullable String words;

		Kind(@Nullable String words) {
			this.words = words;
		}

	}

	private final boolean allowLocalhost;

	private final List<String> allowedHosts;

	private final Resolver resolver;

	@Autowired
	WebhookDestinations(@Value("${concierge.webhooks.allow-localhost:false}") boolean allowLocalhost,
			@Value("${concierge.webhooks.allowed-hosts:}") List<String> allowedHosts) {
		this(allowLocalhost, allowedHosts, InetAddress::getAllByName);
	}

	WebhookDestinations(boolean allowLocalhost, List<String> allowedHosts, Resolver resolver) {
		this.allowLocalhost = allowLocalhost;
		this.allowedHosts = allowedHosts.stream()
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.toList();
		this.resolver = resolver;
	}

	/**
	 * @return why the address may not receive webhooks; none when it may
	 */
	@Nullable Refusal refusal(URI url) {
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		boolean listed = listed(host);
		if (!this.allowedHosts.isEmpty() && !listed) {
			return new Refusal("webhooks.problem.url.notAllowed",
					"Not sent: " + host + " is not among the hosts in concierge.webhooks.allowed-hosts.");
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			return new Refusal("webhooks.problem.url.unknownHost", "Not sent: no address is known for " + host + ".");
		}
		Set<InetAddress> refused = Arrays.stream(addresses)
			.filter((address) -> !allowed(kind(address), listed))
			.collect(Collectors.toSet());
		if (refused.isEmpty()) {
			return null;
		}
		InetAddress first = refused.iterator().next();
		return new Refusal("webhooks.problem.url.private", "Not sent: " + host + " leads to " + first.getHostAddress()
				+ ", " + kind(first).words + "; webhooks go only to public addresses.");
	}

	private boolean listed(String host) {
		return this.allowedHosts.stream()
			.anyMatch(
					(allowed) -> allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed));
	}

	private boolean allowed(Kind kind, boolean listed) {
		return switch (kind) {
			case PUBLIC -> true;
			case PRIVATE -> listed;
			case LOOPBACK -> this.allowLocalhost;
			case LINK_LOCAL, MULTICAST, RESERVED -> false;
		};
	}

	private static Kind kind(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return Kind.LOOPBACK;
		}
		if (address.isLinkLocalAddress()) {
			return Kind.LINK_LOCAL;
		}
		if (address.isMulticastAddress()) {
			return Kind.MULTICAST;
		}
		if (address.isAnyLocalAddress()) {
			return Kind.RESERVED;
		}
		if (address.isSiteLocalAddress()) {
			return Kind.PRIVATE;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return kind4(bytes);
		}
		if (address instanceof Inet6Address) {
			int first = bytes[0] & 0xff;
			if ((first & 0xfe) == 0xfc) {
				// fc00::/7, unique local
				return Kind.PRIVATE;
			}
			if (isZero(bytes, 0, 12) || (prefix(bytes, 0x00, 0x64, 0xff, 0x9b) && isZero(bytes, 4, 12))) {
				// IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::a.b.c.d carry an IPv4
				// address
				return kind4(Arrays.copyOfRange(bytes, 12, 16));
			}
			if (prefix(bytes, 0x20, 0x02)) {
				// 6to4 2002:a.b.c.d::/48
				return kind4(Arrays.copyOfRange(bytes, 2, 6));
			}
			if (first == 0 || (first == 0x20 && (bytes[1] & 0xff) == 0x01 && (bytes[2] & 0xff) == 0x0d
					&& (bytes[3] & 0xff) == 0xb8)) {
				// ::/8 otherwise, and 2001:db8::/32 for documentation
				return Kind.RESERVED;
			}
			return Kind.PUBLIC;
		}
		return Kind.RESERVED;
	}

	private static Kind kind4(byte[] bytes) {
		int a = bytes[0] & 0xff;
		int b = bytes[1] & 0xff;
		int c = bytes[2] & 0xff;
		if (a == 127) {
			return Kind.LOOPBACK;
		}
		if (a == 10 || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b < 128)) {
			return Kind.PRIVATE;
		}
		if (a == 169 && b == 254) {
			return Kind.LINK_LOCAL;
		}
		if (a >= 224 && a < 240) {
			return Kind.MULTICAST;
		}
		if (a == 0 || a >= 240 || (a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && (b == 18 || b == 19))
				|| (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
			return Kind.RESERVED;
		}
		return Kind.PUBLIC;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean prefix(byte[] bytes, int... prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
