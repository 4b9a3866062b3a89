package dev.lookout.importer;

import java.util.List;

/**
 * The outcome of one import: the configuration text, and what the operator must be told about it.
 *
 * @param yaml       the {@code lookout.yaml} text
 * @param summary    what it holds, e.g. "24 monitors, 6 components, 4 channels, 1 page, 1 maintenance window"
 * @param notCarried one line per thing that could not be carried over, saying why
 * @param variables  the environment variables the file refers to, each with where its value is found
 * @param notes      what to do next that is not a loss (e.g. where ping URLs must now point)
 */
public record Imported(String yaml, String summary, List<String> notCarried, List<Variable> variables, List<String> notes) {
    public Imported {
        notCarried = List.copyOf(notCarried);
        variables = List.copyOf(variables);
        notes = List.copyOf(notes);
    }
}
