package io.concierge.analytics.web;

import java.security.Principal;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.analytics.Survey;
import io.concierge.identity.Callers;

/**
 * The customers' survey: how likely they would recommend us, once in 90 days.
 */
@Controller
class SurveyController {

	static final String PAGE = "/account/survey";

	private final Survey survey;

	private final Callers callers;

	SurveyController(Survey survey, Callers callers) {
		this.survey = survey;
		this.callers = callers;
	}

	@GetMapping(PAGE)
	String page(Principal principal, ZoneId zone, Model model) {
		UUID account = this.callers.of(principal).account();
		this.survey.nextAnswer(account)
			.ifPresent((next) -> model.addAttribute("next", next.atZone(zone).toLocalDate()));
		model.addAttribute("commentLength", Survey.COMMENT_LENGTH);
		return "analytics/survey";
	}

	@PostMapping(PAGE)
	String answer(@RequestParam(required = false) @Nullable Integer score,
			@RequestParam(required = false) @Nullable String comment, Principal principal, ZoneId zone,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		UUID account = this.callers.of(principal).account();
		if (score == null || score < 0 || score > 10
				|| (comment != null && comment.strip().length() > Survey.COMMENT_LENGTH)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", (score == null || score < 0 || score > 10) ? "score" : "comment");
			model.addAttribute("comment", comment);
			model.addAttribute("commentLength", Survey.COMMENT_LENGTH);
			return "analytics/survey";
		}
		redirect.addFlashAttribute("result", this.survey.answer(account, score, comment) ? "thanks" : "already");
		return "redirect:" + PAGE;
	}

}
