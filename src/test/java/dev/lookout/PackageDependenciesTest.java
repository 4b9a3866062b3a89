package dev.lookout;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the capabilities layered: each top-level package under {@code dev.lookout} (with its
 * sub-packages, so {@code check.http} counts as {@code check}) may depend on others in one
 * direction only. A cycle means two capabilities can no longer be understood, tested or changed
 * apart; the usual way out is a small package below both for what they share (as {@code storage}
 * holds the storage's failures and health for {@code store} and its readers).
 */
@AnalyzeClasses(packages = "dev.lookout", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule capabilities_do_not_depend_on_each_other_in_a_cycle = slices()
            .matching("dev.lookout.(*)..")
            .namingSlices("$1")
            .should().beFreeOfCycles();
}
