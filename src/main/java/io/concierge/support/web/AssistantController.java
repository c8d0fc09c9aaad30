package io.concierge.support.web;

import java.io.Serializable;
import java.security.Principal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.Callers;
import io.concierge.support.Assistant;

/**
 * The assistant's panel, on every signed-in page: a question in, the answer with its
 * links out (htmx). The conversation is kept in the session, so that a hand-over to a
 * ticket carries it for the agent.
 */
@Controller
class AssistantController {

	static final String TRANSCRIPT = "support.transcript";

	private static final int LONGEST_TRANSCRIPT = 20;

	private final Assistant assistant;

	private final Callers callers;

	AssistantController(Assistant assistant, Callers callers) {
		this.assistant = assistant;
		this.callers = callers;
	}

	/**
	 * One exchange, as the agent reads it later.
	 */
	record Turn(String question, String answer) implements Serializable {

		String line() {
			return "> " + this.question + "\n" + this.answer;
		}

	}

	@PostMapping("/assistant")
	String ask(@RequestParam String question, Principal principal, Locale locale, ZoneId zone, HttpSession session,
			Model model) {
		String text = question.strip();
		if (text.isEmpty()) {
			model.addAttribute("empty", true);
			return "support/assistant :: turn";
		}
		Assistant.Answer answer = this.assistant.answer(this.callers.of(principal), text, locale, zone);
		List<Turn> transcript = new ArrayList<>(transcript(session));
		transcript.add(new Turn((text.length() > 500) ? text.substring(0, 500) : text, answer.text()));
		session.setAttribute(TRANSCRIPT, new ArrayList<>(
				transcript.subList(Math.max(0, transcript.size() - LONGEST_TRANSCRIPT), transcript.size())));
		model.addAttribute("question", text);
		model.addAttribute("answer", answer);
		return "support/assistant :: turn";
	}

	@SuppressWarnings("unchecked")
	static List<Turn> transcript(HttpSession session) {
		Object kept = session.getAttribute(TRANSCRIPT);
		return (kept instanceof List<?> list) ? (List<Turn>) list : List.of();
	}

}
