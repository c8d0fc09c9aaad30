package io.concierge.support;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.shared.EmailAddress;
import io.concierge.support.SupportEvents.TicketReplied;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support module with the modules it needs: an agent's answer is announced with the
 * signed address the customer's reply goes to; a ticket the system opens for a customer
 * is announced as the system's, undoing none of their drafts.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class SupportModuleTests {

	@Autowired
	Tickets tickets;

	@Autowired
	Accounts accounts;

	@Test
	void anAnswerIsAnnouncedWithItsReplyAddress(Scenario scenario) {
		AccountView customer = open(Role.CUSTOMER);
		AccountView agent = open(Role.AGENT);
		Ticket ticket = this.tickets.open(new Caller(customer.id(), null, Role.CUSTOMER, java.util.Set.of()),
				new Tickets.NewTicket("Where is my parcel", "It is late", TicketCategory.DELIVERY, null, null, null,
						null, null),
				"WEB");

		scenario.stimulate(() -> this.tickets.answer(agent, ticket.number(), "It arrives tomorrow.", false))
			.andWaitForEventOfType(TicketReplied.class)
			.matching((event) -> event.number().equals(ticket.number()))
			.toArriveAndVerify((event) -> {
				assertThat(event.body()).isEqualTo("It arrives tomorrow.");
				assertThat(event.replyTo()).startsWith("support+" + ticket.number() + ".");
				assertThat(event.email()).isEqualTo(customer.email().value());
			});
	}

	@Test
	void aTicketTheSystemOpensIsAnnouncedAsTheSystemsWithNoDrafts(Scenario scenario) {
		AccountView customer = open(Role.CUSTOMER);
		scenario
			.stimulate(() -> this.tickets.openFor(customer.id(), Ticket.Opener.carrier("DHL Paket"),
					"driver@carrier.example",
					new Tickets.NewTicket("Parcel damaged", "Box crushed", TicketCategory.DELIVERY, null, null, null,
							UUID.randomUUID(), null)))
			.andWaitForEventOfType(SupportEvents.TicketOpened.class)
			.matching((event) -> event.account().equals(customer.id()))
			.toArriveAndVerify((event) -> {
				assertThat(event.channel()).isEqualTo(SupportEvents.Channel.SYSTEM);
				assertThat(event.drafts()).isEmpty();
			});
	}

	private AccountView open(Role role) {
		return this.accounts
			.open(new NewAccount(EmailAddress.of(role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.com"),
					"Test " + role, "test passphrase " + UUID.randomUUID(), role, null));
	}

}
