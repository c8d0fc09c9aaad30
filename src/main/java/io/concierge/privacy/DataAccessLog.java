package io.concierge.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.concierge.documents.Documents;
import io.concierge.identity.Caller;
import io.concierge.shared.DataSubject;
import io.concierge.shared.PersonalData;

/**
 * Who accessed a customer's data: staff and the system, from the audit trail (entries
 * about their account, orders and tickets by anyone but them) and from the documents'
 * access log (their files opened by staff, the system or a shared link).
 */
@Service
public class DataAccessLog {

	private static final int MOST = 100;

	private final AuditTrail trail;

	private final Documents documents;

	private final List<PersonalData> modules;

	DataAccessLog(AuditTrail trail, Documents documents, List<PersonalData> modules) {
		this.trail = trail;
		this.documents = documents;
		this.modules = modules;
	}

	/**
	 * One access.
	 *
	 * @param at when
	 * @param who the member of staff, {@code system}, or a shared link
	 * @param kind {@code STAFF}, {@code SYSTEM} or {@code LINK}
	 * @param what the action's key, or the document's name
	 * @param detail what it was about, or why
	 */
	public record Access(Instant at, String who, String kind, String what, String detail) {

	}

	public List<Access> of(Caller caller, DataSubject subject) {
		Set<String> references = new LinkedHashSet<>();
		references.add("account:" + subject.account());
		references.add(subject.email());
		this.modules.forEach((module) -> references.addAll(module.references(subject)));
		List<Access> accesses = new ArrayList<>();
		this.trail.about(references, subject.email(), MOST)
			.forEach((entry) -> accesses.add(new Access(entry.occurredAt(), entry.actor(),
					entry.actor().equals("system") ? "SYSTEM" : "STAFF", entry.action(), entry.subject())));
		this.documents.mine(caller)
			.forEach((document) -> document.accesses()
				.stream()
				.filter((access) -> access.actorKind() != Documents.ActorKind.OWNER)
				.forEach((access) -> accesses.add(new Access(access.occurredAt(), access.actor(),
						access.actorKind().name(), document.name(), access.purpose()))));
		accesses.sort(Comparator.comparing(Access::at).reversed());
		return accesses.subList(0, Math.min(MOST, accesses.size()));
	}

}
