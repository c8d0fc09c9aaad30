package io.concierge.support.web;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Callers;
import io.concierge.shared.NotFound;
import io.concierge.support.Article;
import io.concierge.support.KnowledgeBase;
import io.concierge.support.Markdown;

/**
 * Writing the knowledge base, for agents: every article with its state, a new one, and
 * each edit saved as a version beside its history; and the searches that found nothing.
 */
@Controller
class ArticleAdminController {

	private final KnowledgeBase knowledgeBase;

	private final Callers callers;

	private final MessageSource messages;

	ArticleAdminController(KnowledgeBase knowledgeBase, Callers callers, MessageSource messages) {
		this.knowledgeBase = knowledgeBase;
		this.callers = callers;
		this.messages = messages;
	}

	@GetMapping("/support/articles")
	String list(Model model) {
		model.addAttribute("articles", this.knowledgeBase.all());
		model.addAttribute("missing", this.knowledgeBase.missing(20));
		return "support/articles";
	}

	@GetMapping("/support/articles/new")
	String form(Model model) {
		model.addAttribute("form", new Form("", "en", "", "", "", "", false));
		model.addAttribute("history", List.of());
		return "support/article-edit";
	}

	@GetMapping("/support/articles/{locale}/{slug}")
	String edit(@PathVariable String locale, @PathVariable String slug, Model model) {
		Article article = this.knowledgeBase.find(slug, locale).orElseThrow(() -> new NotFound("article " + slug));
		model.addAttribute("form", new Form(article.slug(), article.locale(), article.category(), article.title(),
				article.body(), String.join(" ", article.related()), article.published()));
		model.addAttribute("history", this.knowledgeBase.history(article.id()));
		model.addAttribute("preview", Markdown.html(article.body()));
		return "support/article-edit";
	}

	record Form(String slug, String locale, String category, String title, String body, String related,
			boolean publish) {
	}

	@PostMapping("/support/articles")
	String save(@RequestParam String slug, @RequestParam String locale, @RequestParam String category,
			@RequestParam String title, @RequestParam String body, @RequestParam(defaultValue = "") String related,
			@RequestParam(defaultValue = "false") boolean publish, Principal principal, Locale reader, Model model,
			RedirectAttributes redirect) {
		List<String> relatedSlugs = Arrays.stream(related.split("[\\s,]+")).filter((one) -> !one.isBlank()).toList();
		try {
			Article article = this.knowledgeBase.save(
					new KnowledgeBase.Draft(slug.strip(), locale, category, title, body, relatedSlugs, publish),
					this.callers.of(principal).account());
			redirect.addFlashAttribute("notice", "support.articles.saved");
			return "redirect:/support/articles/" + article.locale() + "/" + article.slug();
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", this.messages.getMessage(ex.getMessage(), null, reader));
			model.addAttribute("form", new Form(slug, locale, category, title, body, related, publish));
			model.addAttribute("history", List.of());
			return "support/article-edit";
		}
	}

}
