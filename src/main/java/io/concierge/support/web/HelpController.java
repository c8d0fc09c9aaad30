package io.concierge.support.web;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.shared.NotFound;
import io.concierge.support.Article;
import io.concierge.support.Deflection;
import io.concierge.support.KnowledgeBase;
import io.concierge.support.Markdown;
import io.concierge.support.SupportEvents;

/**
 * The public help centre: the articles by category, search with the words found marked,
 * each article with its related ones and "was this helpful?".
 */
@Controller
class HelpController {

	/**
	 * The articles per category on the help centre's first page; search finds the rest.
	 */
	private static final int CONTENTS = 10;

	private final KnowledgeBase knowledgeBase;

	private final Deflection deflection;

	private final Callers callers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HelpController(KnowledgeBase knowledgeBase, Deflection deflection, Callers callers,
			ApplicationEventPublisher events, Clock clock) {
		this.knowledgeBase = knowledgeBase;
		this.deflection = deflection;
		this.callers = callers;
		this.events = events;
		this.clock = clock;
	}

	@GetMapping("/help")
	String help(@RequestParam(required = false) @Nullable String q, @Nullable Principal principal, Locale locale,
			Model model) {
		model.addAttribute("query", (q != null) ? q : "");
		Map<String, List<KnowledgeBase.Entry>> categories = new TreeMap<>();
		if (q != null && !q.isBlank()) {
			model.addAttribute("hits", this.knowledgeBase.search(q, locale.getLanguage(), 10, account(principal)));
		}
		else {
			for (KnowledgeBase.Entry entry : this.knowledgeBase.contents(locale.getLanguage(), CONTENTS)) {
				categories.computeIfAbsent(entry.category(), (category) -> new java.util.ArrayList<>()).add(entry);
			}
		}
		model.addAttribute("categories", categories);
		return "support/help";
	}

	@GetMapping("/help/{slug}")
	String article(@PathVariable String slug, @RequestParam(required = false) @Nullable UUID draft,
			@Nullable Principal principal, Locale locale, Model model) {
		Article article = this.knowledgeBase.published(slug, locale.getLanguage())
			.orElseThrow(() -> new NotFound("article " + slug));
		if (draft != null && principal != null) {
			// a customer writing a ticket opened this article: deflection's evidence
			this.deflection.record(this.callers.of(principal), draft, "ARTICLE_VIEWED", null, slug);
		}
		this.events.publishEvent(new SupportEvents.ArticleViewed(article.slug(), article.locale(), account(principal),
				this.clock.instant()));
		model.addAttribute("article", article);
		model.addAttribute("html", Markdown.html(article.body()));
		model.addAttribute("related",
				article.related()
					.stream()
					.flatMap((related) -> this.knowledgeBase.published(related, locale.getLanguage()).stream())
					.toList());
		return "support/article";
	}

	/**
	 * The signed-in customer's account; none for anyone else (staff read the articles
	 * too, but are not the customers counted).
	 */
	private @Nullable UUID account(@Nullable Principal principal) {
		if (principal == null) {
			return null;
		}
		Caller caller = this.callers.of(principal);
		return (caller.role() == Role.CUSTOMER) ? caller.account() : null;
	}

	/**
	 * A session's id is not kept where it could be read back and used.
	 */
	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@PostMapping("/help/{slug}/vote")
	String vote(@PathVariable String slug, @RequestParam boolean helpful, @Nullable Principal principal,
			HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
		String voter = (principal != null) ? "account:" + this.callers.of(principal).account()
				: "session:" + sha256(request.getSession(true).getId());
		this.knowledgeBase.vote(slug, locale.getLanguage(), voter, helpful);
		redirect.addFlashAttribute("voted", helpful ? "yes" : "no");
		return "redirect:/help/" + slug + "#vote";
	}

}
