/* bedside-guideline-loader-medicines-private.h: what the records reader keeps for the compiler of medicine records. */
#pragma once

#include "bedside-guideline-loader-private.h"

G_BEGIN_DECLS

/* What is kept of a medicine until its conditions are compiled: they read
 * the guideline's items and definitions through the records file's map,
 * so they are compiled once the definitions they may read exist, or when
 * suitable(MEDICINE) first needs them. */
typedef struct
{
  char       *file_name;        /* for messages */
  GHashTable *map;              /* the records' names → the guideline's */
  GPtrArray  *against_sources;  /* char *, by reason */
  GPtrArray  *caution_sources;  /* char * or NULL, by caution */
  GPtrArray  *caution_with;     /* char * or NULL, by caution: with= as written */
  gboolean    compiled;
  gboolean    compiling;
} MedicineState;

void bedside_medicine_state_free (MedicineState *state);

G_END_DECLS
