/**
 * Test fixtures for {@code dev.tollgate.architecture}: each class breaks one architecture rule on purpose, in a
 * package that mirrors the layer it pretends to belong to ({@code archfixture.domain} plays {@code domain}, and so
 * on). Nothing here is production code; {@code ArchitectureRulesCanFailTest} imports these classes one at a time.
 */
package dev.tollgate.archfixture;
