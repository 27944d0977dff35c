/* bedside-decisions.h: what the clinician made of a plan: recommendations
 * declined with a reason, a note, and the clinician's name. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _BedsideDecisions BedsideDecisions;

/* A boxed, reference-counted type.  Mutable: the plan page changes it, and
 * a plan that holds it (bedside_care_plan_set_decisions()) sees the change. */
#define BEDSIDE_TYPE_DECISIONS (bedside_decisions_get_type ())
GType             bedside_decisions_get_type      (void) G_GNUC_CONST;

/**
 * bedside_decisions_new:
 *
 * Returns: (transfer full): no decision yet
 */
BedsideDecisions *bedside_decisions_new           (void);
/**
 * bedside_decisions_ref:
 * @self: decisions
 *
 * Returns: (transfer full): @self
 */
BedsideDecisions *bedside_decisions_ref           (BedsideDecisions *self);
void              bedside_decisions_unref         (BedsideDecisions *self);

/* Declines the recommendation @recommendation_id; @reason may be NULL or
 * empty (no reason given).  Declining again replaces the reason. */
void              bedside_decisions_decline       (BedsideDecisions *self,
                                                   const char       *recommendation_id,
                                                   const char       *reason);
/* Takes the recommendation back into the plan. */
void              bedside_decisions_restore       (BedsideDecisions *self,
                                                   const char       *recommendation_id);
/**
 * bedside_decisions_is_declined:
 * @self: (nullable): decisions
 * @recommendation_id: a recommendation's id
 * @reason: (out) (optional) (transfer none) (nullable): the reason, NULL when none was given
 *
 * Returns: whether the clinician declined it
 */
gboolean          bedside_decisions_is_declined   (const BedsideDecisions *self,
                                                   const char             *recommendation_id,
                                                   const char            **reason);
/**
 * bedside_decisions_dup_declined:
 * @self: decisions
 *
 * Returns: (transfer full): the ids of the declined recommendations, sorted
 */
GStrv             bedside_decisions_dup_declined  (const BedsideDecisions *self);

/* The note and the clinician's name: NULL or empty clears them.
 * The getters return (transfer none) (nullable) text. */
void              bedside_decisions_set_note      (BedsideDecisions *self,
                                                   const char       *note);
const char       *bedside_decisions_get_note      (const BedsideDecisions *self);
void              bedside_decisions_set_clinician (BedsideDecisions *self,
                                                   const char       *clinician);
const char       *bedside_decisions_get_clinician (const BedsideDecisions *self);
/* Makes @self hold exactly what @other holds (@other may be NULL: nothing). */
void              bedside_decisions_assign        (BedsideDecisions       *self,
                                                   const BedsideDecisions *other);
/* Nothing declined, no note, no name. */
gboolean          bedside_decisions_is_empty      (const BedsideDecisions *self);

/* A consultation file's "decisions", "note" and "clinician" (format 2),
 * added to the object @builder is building. */
void              bedside_decisions_to_json       (const BedsideDecisions *self,
                                                   JsonBuilder            *builder);
/**
 * bedside_decisions_new_from_json:
 * @object: a consultation file's top-level object
 * @error: a message (without the file's name) when a member is malformed
 *
 * Reads "decisions" ({"ID": {"declined": true, "reason": "…"}}), "note"
 * and "clinician", each optional.
 *
 * Returns: (transfer full) (nullable): the decisions, or NULL on error
 */
BedsideDecisions *bedside_decisions_new_from_json (JsonObject  *object,
                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideDecisions, bedside_decisions_unref)

G_END_DECLS
