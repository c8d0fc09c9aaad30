package io.concierge.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.SessionsRevoked;
import io.concierge.shared.EmailAddress;

/**
 * An account's own sessions, on every node: listed with their device and address, ended
 * one by one or all but the current.
 */
@Service
public class Sessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Sessions(FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			Clock clock) {
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * One session of an account.
	 *
	 * @param id the session's id, to end it
	 * @param device the browser and system it was opened from
	 * @param address the network address it signed in from
	 * @param signedInAt when it signed in
	 * @param lastActive when it was last used
	 * @param current whether it is the session asking
	 */
	public record SessionView(String id, String device, String address, Instant signedInAt, Instant lastActive,
			boolean current) {

	}

	public List<SessionView> of(EmailAddress email, String currentId) {
		return owned(email).values()
			.stream()
			.map((session) -> view(session, currentId))
			.sorted(Comparator.comparing(SessionView::lastActive).reversed())
			.toList();
	}

	/**
	 * Ends one of the account's sessions; a session of anyone else is left alone.
	 */
	@Transactional
	public boolean revoke(EmailAddress email, String id, String origin) {
		if (!owned(email).containsKey(id)) {
			return false;
		}
		this.sessions.deleteById(id);
		this.events.publishEvent(new SessionsRevoked(email.value(), 1, origin, this.clock.instant()));
		return true;
	}

	@Transactional
	public int revokeAllBut(EmailAddress email, String currentId, String origin) {
		List<String> others = owned(email).keySet().stream().filter((id) -> !id.equals(currentId)).toList();
		others.forEach(this.sessions::deleteById);
		if (!others.isEmpty()) {
			this.events.publishEvent(new SessionsRevoked(email.value(), others.size(), origin, this.clock.instant()));
		}
		return others.size();
	}

	/**
	 * How many sessions the account has open.
	 */
	public int count(EmailAddress email) {
		return owned(email).size();
	}

	/**
	 * Ends every session of the account, the one asking included; the caller audits it.
	 * @return how many ended
	 */
	@Transactional
	int endAll(EmailAddress email) {
		List<String> all = List.copyOf(owned(email).keySet());
		all.forEach(this.sessions::deleteById);
		return all.size();
	}

	private Map<String, ? extends Session> owned(EmailAddress email) {
		return this.sessions.findByPrincipalName(email.value());
	}

	private static SessionView view(Session session, String currentId) {
		String device = session.getAttribute(SignInDevices.SESSION_DEVICE);
		String address = session.getAttribute(SignInDevices.SESSION_ADDRESS);
		Instant signedInAt = session.getAttribute(SignInDevices.SESSION_SIGNED_IN_AT);
		return new SessionView(session.getId(), (device != null) ? device : "?", (address != null) ? address : "?",
				(signedInAt != null) ? signedInAt : session.getCreationTime(), session.getLastAccessedTime(),
				session.getId().equals(currentId));
	}

}
