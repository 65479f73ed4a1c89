/**
 * STIX 2.1 patterning (specification section 9): a lexer and recursive-descent parser that turn a pattern into
 * an immutable syntax tree, a printer that writes the tree back, and a listing of the comparisons a pattern makes.
 */
@NullMarked
package org.kakehashi.intel.stix.pattern;

import org.jspecify.annotations.NullMarked;
