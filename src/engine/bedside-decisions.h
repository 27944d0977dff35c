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

/**
 * bedside_decisions_get_type:
 *
 * A boxed, reference-counted type.  Mutable: the plan page changes it, and
 * a plan that holds it (bedside_care_plan_set_decisions()) sees the change.
 *
 * Returns: the #GType of #BedsideDecisions
 */
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
 * Returns: (transfer full): @self, with one more reference
 */
BedsideDecisions *bedside_decisions_ref           (BedsideDecisions *self);

/**
 * bedside_decisions_unref:
 * @self: (transfer full) (nullable): decisions
 *
 * Drops a reference; the last one frees them.
 */
void              bedside_decisions_unref         (BedsideDecisions *self);

/**
 * bedside_decisions_decline:
 * @self: decisions
 * @recommendation_id: the recommendation's id
 * @reason: (nullable): why; %NULL or empty: no reason given
 *
 * Declines the recommendation; declining again replaces the reason.
 */
void              bedside_decisions_decline       (BedsideDecisions *self,
                                                   const char       *recommendation_id,
                                                   const char       *reason);

/**
 * bedside_decisions_restore:
 * @self: decisions
 * @recommendation_id: the recommendation's id
 *
 * Takes the recommendation back into the plan.
 */
void              bedside_decisions_restore       (BedsideDecisions *self,
                                                   const char       *recommendation_id);

/**
 * bedside_decisions_is_declined:
 * @self: (nullable): decisions
 * @recommendation_id: a recommendation's id
 * @reason: (out) (optional) (transfer none) (nullable): the reason, %NULL
 *   when none was given
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

/**
 * bedside_decisions_set_note:
 * @self: decisions
 * @note: (nullable): the clinician's note; %NULL or blank clears it
 */
void              bedside_decisions_set_note      (BedsideDecisions *self,
                                                   const char       *note);

/**
 * bedside_decisions_get_note:
 * @self: decisions
 *
 * Returns: (transfer none) (nullable): the clinician's note
 */
const char       *bedside_decisions_get_note      (const BedsideDecisions *self);

/**
 * bedside_decisions_set_clinician:
 * @self: decisions
 * @clinician: (nullable): the clinician's name; %NULL or blank clears it
 */
void              bedside_decisions_set_clinician (BedsideDecisions *self,
                                                   const char       *clinician);

/**
 * bedside_decisions_get_clinician:
 * @self: decisions
 *
 * Returns: (transfer none) (nullable): the clinician's name
 */
const char       *bedside_decisions_get_clinician (const BedsideDecisions *self);

/**
 * bedside_decisions_assign:
 * @self: decisions
 * @other: (nullable): what @self is to hold; %NULL: nothing
 *
 * Makes @self hold exactly what @other holds.
 */
void              bedside_decisions_assign        (BedsideDecisions       *self,
                                                   const BedsideDecisions *other);

/**
 * bedside_decisions_is_empty:
 * @self: decisions
 *
 * Returns: whether nothing is declined and there is no note and no name
 */
gboolean          bedside_decisions_is_empty      (const BedsideDecisions *self);

/**
 * bedside_decisions_to_json:
 * @self: decisions
 * @builder: a builder inside the consultation's top-level object
 *
 * Adds a consultation file's "decisions", "note" and "clinician" (format
 * 2), each only when there is something to say.
 */
void              bedside_decisions_to_json       (const BedsideDecisions *self,
                                                   JsonBuilder            *builder);

/**
 * bedside_decisions_new_from_json:
 * @object: a consultation file's top-level object
 * @error: a message (without the file's name) when a member is malformed
 *
 * Reads "decisions" ({"ID": {"declined": true, "reason": "…"}}), "note"
 * and "clinician", each optional and bounded.
 *
 * Returns: (transfer full) (nullable): the decisions, or %NULL on error
 */
BedsideDecisions *bedside_decisions_new_from_json (JsonObject  *object,
                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideDecisions, bedside_decisions_unref)

G_END_DECLS
