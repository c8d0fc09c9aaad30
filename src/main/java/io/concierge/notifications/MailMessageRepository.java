package io.concierge.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MailMessageRepository extends JpaRepository<MailMessage, UUID> {

	Page<MailMessage> findAllByOrderByCreatedAtDesc(Pageable pageable);

	List<MailMessage> findByRecipientOrderByCreatedAtDesc(String recipient);

	/**
	 * Due messages, locked for this node; other nodes skip them rather than send them
	 * twice.
	 */
	@Query(value = "select * from mail_message where status = 'PENDING' and next_attempt_at <= :now"
			+ " order by next_attempt_at limit :limit for update skip locked", nativeQuery = true)
	List<MailMessage> lockDue(Instant now, int limit);

}
