package io.concierge.orders;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface OrderRepository extends CrudRepository<Order, UUID> {

	Optional<Order> findByNumber(String number);

	Optional<Order> findByChannelAndExternalReference(Channel channel, String externalReference);

	/**
	 * The order with this number if it is the account's or its company's.
	 */
	@Query("select o from Order o where o.number = :number and (o.accountId = :account or o.organisationId = :organisation)")
	@EntityGraph(attributePaths = "lines")
	Optional<Order> findOwned(String number, UUID account, @Nullable UUID organisation);

}
