package io.concierge.support;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface ArticleRepository extends CrudRepository<Article, UUID> {

	Optional<Article> findBySlugAndLocale(String slug, String locale);

	List<Article> findAllByOrderByCategoryAscTitleAsc();

}
