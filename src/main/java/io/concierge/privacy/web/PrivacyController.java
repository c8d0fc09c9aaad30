package io.concierge.privacy.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.OrganisationRole;
import io.concierge.identity.StepUp;
import io.concierge.privacy.Consents;
import io.concierge.privacy.DataAccessLog;
import io.concierge.privacy.DataExports;
import io.concierge.privacy.DataExports.Export;
import io.concierge.privacy.Erasures;
import io.concierge.privacy.RetentionTable;
import io.concierge.shared.DataSubject;
import io.concierge.shared.NotFound;

/**
 * The customer's privacy page: their data exported, their consents, who accessed their
 * data, the retention table, and their account's deletion.
 */
@Controller
class PrivacyController {

	static final String PAGE = "/account/privacy";

	private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(10);

	private final DataExports exports;

	private final Erasures erasures;

	private final Consents consents;

	private final DataAccessLog accessLog;

	private final Accounts accounts;

	private final Callers callers;

	private final StepUp stepUp;

	PrivacyController(DataExports exports, Erasures erasures, Consents consents, DataAccessLog accessLog,
			Accounts accounts, Callers callers, StepUp stepUp) {
		this.exports = exports;
		this.erasures = erasures;
		this.consents = consents;
		this.accessLog = accessLog;
		this.accounts = accounts;
		this.callers = callers;
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		Caller caller = this.callers.of(principal);
		AccountView account = this.accounts.find(caller.account()).orElseThrow();
		DataSubject subject = new DataSubject(account.id(), account.email().value(), account.displayName(), null);
		model.addAttribute("exports", this.exports.mine(caller.account()));
		model.addAttribute("companyExport", caller.organisation() != null && caller.may(OrganisationRole.ADMIN));
		model.addAttribute("standings", this.consents.standings(caller.account()));
		model.addAttribute("decisions", this.consents.history(caller.account()));
		model.addAttribute("accesses", this.accessLog.of(caller, subject));
		model.addAttribute("erasure", this.erasures.find(caller.account()).orElse(null));
		model.addAttribute("blockers", this.erasures.blockers(subject));
		model.addAttribute("retention", RetentionTable.CLASSES);
		return "privacy/privacy";
	}

	@PostMapping(PAGE + "/exports")
	String export(@RequestParam(defaultValue = "false") boolean company, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		Export export = this.exports.request(this.callers.of(principal), company, principal.getName(),
				request.getRemoteAddr());
		redirect.addFlashAttribute("notice", export.running() ? "privacy.export.started" : "privacy.export.ready");
		return "redirect:" + PAGE + "#export";
	}

	/**
	 * The progress of an export as it is made: an event each time it moves, the last when
	 * it is ready or failed.
	 */
	@GetMapping(path = PAGE + "/exports/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter progress(@PathVariable UUID id, Principal principal) {
		UUID account = this.callers.of(principal).account();
		Export first = this.exports.find(account, id).orElseThrow(() -> new NotFound("export " + id));
		SseEmitter emitter = new SseEmitter(PROGRESS_TIMEOUT.toMillis());
		Thread.ofVirtual().name("export-progress-" + id).start(() -> {
			try {
				Export last = null;
				Export current = first;
				long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
				while (System.nanoTime() < deadline) {
					if (last == null || current.done() != last.done() || !current.status().equals(last.status())) {
						emitter.send(SseEmitter.event()
							.name("progress")
							.data(current.percent() + " " + current.status().toLowerCase(java.util.Locale.ROOT)));
					}
					if (!current.running()) {
						break;
					}
					last = current;
					Thread.sleep(250);
					current = this.exports.find(account, id).orElse(current);
				}
				emitter.complete();
			}
			catch (IOException | InterruptedException | RuntimeException ex) {
				emitter.completeWithError(ex);
			}
		});
		return emitter;
	}

	@GetMapping(PAGE + "/exports/{id}")
	Object download(@PathVariable UUID id, @RequestParam(defaultValue = "0") long expires,
			@RequestParam(defaultValue = "") String signature, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		UUID account = this.callers.of(principal).account();
		InputStream zip;
		try {
			zip = this.exports.open(account, id, expires, signature, request.getSession().getId(), principal.getName(),
					request.getRemoteAddr());
		}
		catch (DataExports.LinkRefused ex) {
			redirect.addFlashAttribute("problem", "privacy.export.refused." + ex.refusal().name());
			return "redirect:" + PAGE + "#export";
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("concierge-export.zip").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(new InputStreamResource(zip));
	}

	@PostMapping(PAGE + "/exports/{id}/link")
	String newLink(@PathVariable UUID id, Principal principal) {
		return "redirect:" + this.exports.newLink(this.callers.of(principal).account(), id);
	}

	@PostMapping(PAGE + "/consents")
	String consent(@RequestParam String purpose, @RequestParam int version,
			@RequestParam(defaultValue = "false") boolean granted, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		Optional<Consents.Purpose> known = java.util.Arrays.stream(Consents.Purpose.values())
			.filter((candidate) -> candidate.name().equals(purpose))
			.findFirst();
		if (known.isEmpty()) {
			redirect.addFlashAttribute("problem", "privacy.consent.unknown");
			return "redirect:" + PAGE + "#consents";
		}
		try {
			this.consents.decide(this.callers.of(principal).account(), known.get(), version, granted,
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("notice", granted ? "privacy.consent.given" : "privacy.consent.withdrawn");
		}
		catch (Consents.UnknownConsent ex) {
			redirect.addFlashAttribute("problem", "privacy.consent.outdated");
		}
		return "redirect:" + PAGE + "#consents";
	}

	@PostMapping(PAGE + "/erasure")
	String erase(@RequestParam(defaultValue = "false") boolean confirmed, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!confirmed) {
			redirect.addFlashAttribute("problem", "privacy.erasure.confirm");
			return "redirect:" + PAGE + "#erasure";
		}
		this.stepUp.require(principal, request, PAGE);
		Erasures.Scheduled scheduled = this.erasures.request(this.callers.of(principal).account(),
				request.getRemoteAddr());
		if (!scheduled.receiptLink().isEmpty()) {
			redirect.addFlashAttribute("receiptLink", scheduled.receiptLink());
		}
		redirect.addFlashAttribute("notice", "privacy.erasure.scheduled");
		return "redirect:" + PAGE + "#erasure";
	}

	@PostMapping(PAGE + "/erasure/cancel")
	String cancel(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		if (this.erasures.cancel(this.callers.of(principal).account(), principal.getName(), request.getRemoteAddr())) {
			redirect.addFlashAttribute("notice", "privacy.erasure.cancelled");
		}
		return "redirect:" + PAGE + "#erasure";
	}

}
