package io.concierge.orders;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface OrderChangeRepository extends CrudRepository<OrderChange, UUID> {

	List<OrderChange> findByOrderIdOrderByRequestedAtDesc(UUID orderId);

	List<OrderChange> findByStatusOrderByRequestedAt(ChangeStatus status);

	List<OrderChange> findTop100ByKindInAndStatusInOrderByUpdatedAtDesc(List<ChangeAction> kinds,
			List<ChangeStatus> statuses);

	Optional<OrderChange> findByReturnNumber(String returnNumber);

}
