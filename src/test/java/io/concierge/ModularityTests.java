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
		try (Stream<Path> diagrams = Files.list(DOCS)) {
			for (Path diagram : diagrams.filter((path) -> path.toString().endsWith(".puml")).toList()) {
				Files.write(diagram, withSortedRelations(Files.readAllLines(diagram)));
			}
		}
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
