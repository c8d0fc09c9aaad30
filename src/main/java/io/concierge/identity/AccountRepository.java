package io.concierge.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, UUID> {

	Optional<Account> findByEmail(String email);

	java.util.List<Account> findByRoleOrderByEmail(Role role);

	boolean existsByEmail(String email);

}
