package io.concierge.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks go only to public addresses: a host that leads to this machine, a private
 * network, link-local, multicast or reserved addresses is refused, whether it is written
 * as an address or resolves to one; an allowlist narrows the hosts and lets them into a
 * private network.
 */
class WebhookDestinationsTests {

	/** Names as a DNS server would answer them, rebinding one into a private network. */
	private static final Map<String, List<String>> DNS = Map.of("erp.example.com", List.of("93.184.215.14"),
			"rebound.example.com", List.of("93.184.215.14", "10.0.0.5"), "metadata.example.com",
			List.of("169.254.169.254"), "erp.corp.example", List.of("10.1.2.3"), "loop.corp.example",
			List.of("127.0.0.1"), "localhost", List.of("127.0.0.1", "::1"));

	private final WebhookDestinations publicOnly = new WebhookDestinations(false, List.of(),
			WebhookDestinationsTests::resolve);

	@Test
	void refusesEveryAddressThatIsNotPublicWrittenOrResolved() {
		assertThat(this.publicOnly.refusal(URI.create("https://erp.example.com/hooks"))).isNull();
		assertThat(this.publicOnly.refusal(URI.create("https://93.184.215.14/hooks"))).isNull();
		assertThat(this.publicOnly.refusal(URI.create("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/"))).isNull();

		for (String url : List.of("https://169.254.169.254/latest/meta-data/", "https://metadata.example.com/",
				"https://10.0.0.5/", "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/",
				"https://127.0.0.1/", "http://localhost:8080/", "https://0.0.0.0/", "https://[::1]/", "https://[::]/",
				"https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://[::ffff:10.0.0.5]/",
				"https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a00:5::1]/", "https://224.0.0.1/", "https://[ff02::1]/",
				"https://255.255.255.255/", "https://rebound.example.com/", "https://erp.corp.example/")) {
			WebhookDestinations.Refusal refusal = this.publicOnly.refusal(URI.create(url));
			assertThat(refusal).as(url).isNotNull();
			assertThat(refusal.messageKey()).as(url).isEqualTo("webhooks.problem.url.private");
			assertThat(refusal.reason()).as(url).startsWith("Not sent: ").contains("leads to", "public addresses");
		}
		assertThat(this.publicOnly.refusal(URI.create("https://rebound.example.com/")).reason())
			.isEqualTo("Not sent: rebound.example.com leads to 10.0.0.5, a private network; "
					+ "webhooks go only to public addresses.");
		assertThat(this.publicOnly.refusal(URI.create("https://metadata.example.com/")).reason())
			.contains("169.254.169.254, a link-local address");
		assertThat(this.publicOnly.refusal(URI.create("https://nowhere.example.com/")))
			.extracting(WebhookDestinations.Refusal::messageKey)
			.isEqualTo("webhooks.problem.url.unknownHost");
	}

	@Test
	void thisMachineOnlyWhenLocalhostIsAllowed() {
		WebhookDestinations local = new WebhookDestinations(true, List.of(), WebhookDestinationsTests::resolve);

		assertThat(local.refusal(URI.create("http://localhost:8080/hooks"))).isNull();
		assertThat(local.refusal(URI.create("http://127.0.0.1:9/hooks"))).isNull();
		assertThat(local.refusal(URI.create("https://10.0.0.5/"))).isNotNull();
		assertThat(local.refusal(URI.create("https://169.254.169.254/"))).isNotNull();
	}

	@Test
	void anAllowlistNamesTheOnlyHostsAndLetsThemIntoAPrivateNetworkButNotBeyond() {
		WebhookDestinations listed = new WebhookDestinations(false, List.of(" ERP.example.com", "*.corp.example"),
				WebhookDestinationsTests::resolve);

		assertThat(listed.refusal(URI.create("https://erp.example.com/hooks"))).isNull();
		assertThat(listed.refusal(URI.create("https://erp.corp.example/hooks"))).as("a private network, named")
			.isNull();
		assertThat(listed.refusal(URI.create("https://loop.corp.example/"))).as("never this machine")
			.extracting(WebhookDestinations.Refusal::messageKey)
			.isEqualTo("webhooks.problem.url.private");
		assertThat(listed.refusal(URI.create("https://wms.example.com/")))
			.extracting(WebhookDestinations.Refusal::messageKey)
			.isEqualTo("webhooks.problem.url.notAllowed");
		assertThat(listed.refusal(URI.create("https://corp.example.evil.com/"))).isNotNull();
		assertThat(listed.refusal(URI.create("https://93.184.215.14/"))).as("an address is not a named host")
			.isNotNull();
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		List<String> addresses = DNS.get(host);
		if (addresses == null) {
			if (Character.isLetter(host.charAt(host.length() - 1))) {
				throw new UnknownHostException(host);
			}
			// an address written as one: no look-up
			return InetAddress.getAllByName(host);
		}
		InetAddress[] resolved = new InetAddress[addresses.size()];
		for (int i = 0; i < resolved.length; i++) {
			resolved[i] = InetAddress.getByName(addresses.get(i));
		}
		return resolved;
	}

}
