/* bedside-lint-reach-atoms-private.h: what bedside-lint-reach-atoms.c gives the search besides the atom stack (bedside_lint_push_atom and bedside_lint_pop_atom, in bedside-lint-private.h). */
#pragma once

#include "bedside-lint-private.h"

G_BEGIN_DECLS

/* Fills deps->closure: the items of @deps and, upstream, those their
 * enable-when reads (once; cut at MAX_CLOSURE, then closure_huge). */
void  bedside_lint_deps_close   (Lint  *self,
                                 Deps  *deps);
/* The representative of the component that holds @node: an item's index,
 * or n_items plus an atom's index. */
guint bedside_lint_component_of (Lint  *self,
                                 guint  node);

G_END_DECLS
