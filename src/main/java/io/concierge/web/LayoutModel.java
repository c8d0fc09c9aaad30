package io.concierge.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page.
 */
@ControllerAdvice
class LayoutModel {

	/**
	 * The page's own path, so the language links lead back to it.
	 */
	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return ErrorPages.originalPath(request);
	}

}
