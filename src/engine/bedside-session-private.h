/* bedside-session-private.h: what only the engine's own files may do to a session: store many answers, then recompute once, and check one value. */
#pragma once

#include "bedside-session.h"

G_BEGIN_DECLS

/* Stores a validated answer without recomputing what is enabled: for
 * loading many answers at once; call bedside_session_refresh() after. */
gboolean bedside_session_store_answer (BedsideSession      *self,
                                       guint                item,
                                       const BedsideValue  *value,
                                       GError             **error);
void     bedside_session_refresh      (BedsideSession      *self);
/* What bedside_session_set_answer() checks of a known value (type, range,
 * codes, text); the error is the bare reason: "400 is out of range (0 to
 * 120 years)". */
gboolean bedside_session_check_value  (const BedsideItem   *item,
                                       const BedsideValue  *value,
                                       GError             **error);

G_END_DECLS
