package io.concierge.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The signed reply addresses that thread a customer's mail back into its ticket.
 */
class ReplyAddressTests {

	private final ReplyAddress addresses = new ReplyAddress("a secret of more than sixteen bytes",
			"support@concierge.example");

	@Test
	void readsBackTheTicketItWasMadeFor() {
		String address = this.addresses.forTicket("T-100042");

		assertThat(address).matches("support\\+T-100042\\.[a-z2-7]{10}@concierge\\.example");
		assertThat(this.addresses.ticketOf(address)).contains("T-100042");
		assertThat(this.addresses.ticketOf("Concierge Support <" + address + ">")).contains("T-100042");
	}

	@Test
	void refusesATamperedSignatureOrAnotherTicketsNumber() {
		String address = this.addresses.forTicket("T-100042");
		String signature = address.substring(address.indexOf('.') + 1, address.indexOf('@'));
		char last = signature.charAt(signature.length() - 1);
		String tampered = address.replace(signature,
				signature.substring(0, signature.length() - 1) + ((last == 'a') ? 'b' : 'a'));

		assertThat(this.addresses.ticketOf(tampered)).isEmpty();
		assertThat(this.addresses.ticketOf(address.replace("T-100042", "T-100043"))).isEmpty();
		assertThat(this.addresses.ticketOf(address.replace("." + signature, ""))).isEmpty();
		assertThat(this.addresses.ticketOf(address.replace(signature, signature.substring(1)))).isEmpty();
	}

	@Test
	void refusesAnotherSecretsSignature() {
		ReplyAddress others = new ReplyAddress("another secret of sixteen bytes", "support@concierge.example");

		assertThat(this.addresses.ticketOf(others.forTicket("T-100042"))).isEmpty();
	}

	@Test
	void refusesAnotherDomainOrMailbox() {
		String address = this.addresses.forTicket("T-100042");

		assertThat(this.addresses.ticketOf(address.replace("@concierge.example", "@concierge.example.evil"))).isEmpty();
		assertThat(this.addresses.ticketOf(address.replace("@concierge.example", "@example.com"))).isEmpty();
		assertThat(this.addresses.ticketOf(address.replace("support+", "sales+"))).isEmpty();
	}

	@Test
	void readsAnAddressWhoseCaseAMailSystemChanged() {
		String address = this.addresses.forTicket("T-100042");

		assertThat(this.addresses.ticketOf(address.toUpperCase())).contains("T-100042");
		assertThat(this.addresses.ticketOf(address.toLowerCase())).contains("T-100042");
		assertThat(this.addresses.forTicket("t-100042")).isEqualTo(address);
	}

	@Test
	void readsNoTicketFromAnAddressWithoutAPlusPart() {
		assertThat(this.addresses.ticketOf("support@concierge.example")).isEmpty();
		assertThat(this.addresses.ticketOf("support.abc@concierge.example")).isEmpty();
		assertThat(this.addresses.ticketOf("not an address")).isEmpty();
		assertThat(this.addresses.ticketOf("")).isEmpty();
	}

	@Test
	void refusesWhatIsNoTicketNumberAndAShortSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.addresses.forTicket("T-1.x"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.addresses.forTicket("T-1@evil"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.addresses.forTicket(""));
		assertThatIllegalArgumentException().isThrownBy(() -> new ReplyAddress("short", "support@concierge.example"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReplyAddress("a secret of more than sixteen bytes", "support+x@concierge.example"));
	}

}
