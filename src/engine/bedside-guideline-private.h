/* bedside-guideline-private.h: what only the engine's own files may call. */
#pragma once

#include "bedside-guideline.h"

G_BEGIN_DECLS

/* Parses a strict ISO date (YYYY-MM-DD) into a GDate julian day. */
gboolean bedside_parse_iso_date (const char *text,
                                 gint32     *julian);

G_END_DECLS

#include "bedside-session.h"

G_BEGIN_DECLS

/* Stores a validated answer without recomputing what is enabled: for
 * loading many answers at once; call bedside_session_refresh() after. */
gboolean bedside_session_store_answer (BedsideSession      *self,
                                       guint                item,
                                       const BedsideValue  *value,
                                       GError             **error);
void     bedside_session_refresh      (BedsideSession      *self);

G_END_DECLS
