package io.concierge.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, UUID> {

	Optional<Organisation> findByName(String name);

}
