package io.concierge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private static final Path DOCS = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(ConciergeApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void writesTheModuleDiagramsIntoDocs() throws IOException {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> documents = Files.list(DOCS)) {
			for (Path document : documents.toList()) {
				List<String> lines = Files.readAllLines(document);
				Files.write(document,
						document.toString().endsWith(".puml") ? withSortedRelations(lines) : withSortedLists(lines));
			}
		}
	}

	/**
	 * The module canvases list types in no fixed order either: each table cell's list is
	 * sorted ({@code |* first} then {@code * next} lines).
	 */
	private static List<String> withSortedLists(List<String> lines) {
		List<String> result = new ArrayList<>();
		List<String> items = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("|* ") || (line.startsWith("* ") && !items.isEmpty())) {
				items.add(line.startsWith("|") ? line.substring(1) : line);
				continue;
			}
			flush(items, result);
			result.add(line);
		}
		flush(items, result);
		return result;
	}

	private static void flush(List<String> items, List<String> result) {
		List<String> sorted = items.stream().sorted().toList();
		for (int i = 0; i < sorted.size(); i++) {
			result.add((i == 0) ? "|" + sorted.get(i) : sorted.get(i));
		}
		items.clear();
	}

	/**
	 * The Documenter lists relations in no fixed order; sorted, the committed diagrams
	 * change only when the modules do.
	 */
	private static List<String> withSortedRelations(List<String> lines) {
		List<String> result = new ArrayList<>();
		List<String> relations = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("Rel(")) {
				relations.add(line);
				continue;
			}
			relations.stream().sorted().forEach(result::add);
			relations.clear();
			result.add(line);
		}
		relations.stream().sorted().forEach(result::add);
		return result;
	}

}
