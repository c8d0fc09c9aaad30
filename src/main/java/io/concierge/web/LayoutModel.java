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
	 * The page's own path, so the language links lead back to it; anything that could
	 * leave the site ({@code //host}, backslashes) becomes the home page.
	 */
	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return localPath(ErrorPages.originalPath(request));
	}

	static String localPath(String path) {
		boolean local = path.startsWith("/") && !path.startsWith("//") && !path.contains("\\");
		return local ? path : "/";
	}

}
