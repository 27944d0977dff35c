/* bedside-guideline-loader-tree.c: loads the recommendations and the decision tree that leads to them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-private.h"
#include "bedside-recommendation-fields-private.h"

/* ---- small tables ---------------------------------------------------- */

static const char * const quality_names[] = { "high", "moderate", "low", "very-low", "consensus", "label", "none", NULL };
static const char * const strength_names[] = { "strong", "weak", "none", NULL };

/* ---- recommendations ------------------------------------------------- */

typedef struct
{
  xmlNode *node;
  char    *ref;
  guint    line;
} PendingRef;

static void
load_condition (Loader           *loader,
                xmlNode          *node,
                BedsideCondition *condition,
                GPtrArray        *pending_notes,
                const char       *rec_id)
{
  g_autofree char *source = bedside_loader_get_attr (node, "when");
  g_autofree char *what = g_strdup_printf ("%s of recommendation '%s'", node->name, rec_id);
  g_autofree char *reason = bedside_loader_element_text (loader, node);

  condition->line = bedside_node_line (node);
  condition->when = bedside_loader_compile_expression (loader, source, condition->line, what, TRUE);
  condition->reason = *reason != '\0' ? g_steal_pointer (&reason) : NULL;
  g_ptr_array_add (pending_notes, condition);
}

/* <offers medicine> (its record applies here) or <mentions medicine> (named
 * in the text, not offered) on a recommendation (format 2). */
static void
read_medicine_reference (Loader     *loader,
                         xmlNode    *child,
                         const char *id,
                         GArray     *offers_list,
                         GPtrArray  *mentions_list)
{
  BedsideGuideline *g = loader->guideline;
  g_autofree char *medicine = NULL;
  gboolean offers = bedside_loader_node_is (child, "offers");
  BedsideMedicine *known;

  if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "medicine", NULL }))
    return;
  medicine = bedside_loader_get_attr (child, "medicine");
  known = g_hash_table_lookup (g->medicine_ids, medicine);
  if (known == NULL && (offers || !g_hash_table_contains (g->medicine_groups, medicine)))
    {
      g_autofree char *quoted = bedside_loader_quote_value (medicine);
      bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                            _("recommendation '%s' %s %s, which is not a medicine%s the guideline uses "
                            "(<medicines> <use>)"), id, offers ? "offers" : "mentions", quoted,
                            offers ? "" : " or group");
      return;
    }
  if (offers)
    {
      for (guint m = 0; m < offers_list->len; m++)
        if (g_array_index (offers_list, guint, m) == known->index)
          {
            bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                                  _("recommendation '%s' offers '%s' twice"), id, known->id);
            known = NULL;
            break;
          }
      if (known != NULL)
        g_array_append_val (offers_list, known->index);
    }
  else
    g_ptr_array_add (mentions_list, g_steal_pointer (&medicine));
}

/* What a <recommendation>'s children add up to, until they are stored in it. */
typedef struct
{
  GArray    *citations;          /* guint: reference indices */
  GArray    *contraindications;  /* BedsideCondition */
  GArray    *cautions;           /* BedsideCondition */
  GPtrArray *condition_nodes;    /* xmlNode *: both kinds, in order */
  GArray    *offers;             /* guint: medicine indices */
  GPtrArray *mentions;           /* char *: medicine or group ids */
} RecommendationParts;

static void
recommendation_parts_init (RecommendationParts *parts)
{
  parts->citations = g_array_new (FALSE, FALSE, sizeof (guint));
  parts->contraindications = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  parts->cautions = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  parts->condition_nodes = g_ptr_array_new ();
  parts->offers = g_array_new (FALSE, FALSE, sizeof (guint));
  parts->mentions = g_ptr_array_new_with_free_func (g_free);
}

static void
recommendation_parts_clear (RecommendationParts *parts)
{
  g_clear_pointer (&parts->citations, g_array_unref);
  g_clear_pointer (&parts->contraindications, g_array_unref);
  g_clear_pointer (&parts->cautions, g_array_unref);
  g_clear_pointer (&parts->condition_nodes, g_ptr_array_unref);
  g_clear_pointer (&parts->offers, g_array_unref);
  g_clear_pointer (&parts->mentions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecommendationParts, recommendation_parts_clear)

/* The recommendation's attributes and id; NULL when they do not let it be
 * loaded (reported). */
static BedsideRecommendation *
new_recommendation (Loader     *loader,
                    xmlNode    *node,
                    GHashTable *pending_requires)
{
  BedsideGuideline *g = loader->guideline;
  BedsideRecommendation *rec;
  BedsideRecommendation *first;
  g_autofree char *requires = NULL;
  gint kind, topic;
  char *id;

  if (!bedside_loader_check_attributes (loader, node, (const char * const []) { "id", "kind", "topic?", "requires?", NULL }))
    return NULL;
  id = bedside_loader_get_id (loader, node, "id");
  kind = bedside_loader_get_enum (loader, node, "kind", bedside_kind_names, G_N_ELEMENTS (bedside_kind_names), -1);
  topic = bedside_loader_get_enum (loader, node, "topic", bedside_topic_names, G_N_ELEMENTS (bedside_topic_names), BEDSIDE_TOPIC_GENERAL);
  if (id == NULL || kind < 0 || topic < 0)
    {
      g_free (id);
      return NULL;
    }

  rec = g_new0 (BedsideRecommendation, 1);
  rec->id = id;
  rec->line = bedside_node_line (node);
  rec->kind = (BedsideRecommendationKind) kind;
  rec->topic = (BedsideTopic) topic;
  rec->index = g->recommendations->len;
  rec->record_medicine = -1;

  first = g_hash_table_lookup (g->recommendation_ids, id);
  if (!bedside_loader_register_id (loader, g->recommendation_ids, "recommendation", id, rec, rec->line,
                                   first ? first->line : 0))
    {
      bedside_recommendation_free (rec);
      return NULL;
    }
  g_ptr_array_add (g->recommendations, rec);

  requires = bedside_loader_get_attr (node, "requires");
  if (requires != NULL)
    g_hash_table_insert (pending_requires, rec, g_steal_pointer (&requires));
  return rec;
}

static const BedsideRecommendationField *
lookup_text_field (xmlNode *child)
{
  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    if (bedside_loader_node_is (child, field->element))
      return field;
  return NULL;
}

/* <evidence quality strength>: the grade, and the note in @field. */
static void
load_evidence (Loader                           *loader,
               xmlNode                          *child,
               BedsideRecommendation            *rec,
               const BedsideRecommendationField *field)
{
  char **note = bedside_recommendation_field_slot (rec, field);
  gint q, s;

  bedside_loader_check_attributes (loader, child, (const char * const []) { "quality", "strength", NULL });
  q = bedside_loader_get_enum (loader, child, "quality", quality_names, G_N_ELEMENTS (quality_names) - 1, -1);
  s = bedside_loader_get_enum (loader, child, "strength", strength_names, G_N_ELEMENTS (strength_names) - 1, -1);
  /* A second <evidence> (the schema refuses it later) must not
   * leak the first one's strings (found by fuzz-guideline). */
  g_clear_pointer (&rec->evidence_quality, g_free);
  g_clear_pointer (&rec->evidence_strength, g_free);
  g_clear_pointer (note, g_free);
  if (q >= 0)
    rec->evidence_quality = g_strdup (quality_names[q]);
  if (s >= 0)
    rec->evidence_strength = g_strdup (strength_names[s]);
  *note = bedside_loader_element_text (loader, child);
  if (**note == '\0')
    g_clear_pointer (note, g_free);
}

static void
load_citation (Loader     *loader,
               xmlNode    *child,
               const char *id,
               GArray     *citations)
{
  g_autofree char *ref = NULL;
  BedsideReference *reference;

  if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "ref", NULL }))
    return;
  ref = bedside_loader_get_attr (child, "ref");
  reference = g_hash_table_lookup (loader->guideline->reference_ids, ref);
  if (reference == NULL)
    {
      g_autofree char *quoted = bedside_loader_quote_value (ref);
      bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                            _("recommendation '%s' cites %s, which is not in <references>"), id, quoted);
      return;
    }
  g_array_append_val (citations, reference->index);
}

/* A <contraindication> or <caution>: its place now, its test and note once
 * the arrays have their final addresses (compile_conditions). */
static void
add_condition (Loader              *loader,
               xmlNode             *child,
               RecommendationParts *parts)
{
  BedsideCondition condition = { 0 };

  if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "when", "note", NULL }))
    return;
  condition.line = bedside_node_line (child);
  condition.medicine = -1;
  if (bedside_loader_node_is (child, "contraindication"))
    g_array_append_val (parts->contraindications, condition);
  else
    g_array_append_val (parts->cautions, condition);
  g_ptr_array_add (parts->condition_nodes, child);
}

static void
load_recommendation_child (Loader                *loader,
                           xmlNode               *child,
                           BedsideRecommendation *rec,
                           RecommendationParts   *parts)
{
  const BedsideRecommendationField *field = lookup_text_field (child);

  if (field != NULL && (field->flags & BEDSIDE_FIELD_EVIDENCE))
    load_evidence (loader, child, rec, field);
  else if (field != NULL)
    bedside_loader_read_text_element (loader, child, bedside_recommendation_field_slot (rec, field));
  else if (bedside_loader_node_is (child, "cite"))
    load_citation (loader, child, rec->id, parts->citations);
  else if (bedside_loader_node_is (child, "offers") || bedside_loader_node_is (child, "mentions"))
    read_medicine_reference (loader, child, rec->id, parts->offers, parts->mentions);
  else if (bedside_loader_node_is (child, "contraindication") || bedside_loader_node_is (child, "caution"))
    add_condition (loader, child, parts);
  else
    bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                          _("unknown element <%s> in <recommendation>"), child->name);
}

static void
check_required_fields (Loader                      *loader,
                       const BedsideRecommendation *rec)
{
  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    {
      if (!(field->flags & BEDSIDE_FIELD_REQUIRED) || bedside_recommendation_field_get (rec, field) != NULL)
        continue;
      /* The format is the table's own message (a literal marked N_() there,
       * with one %s: the id), so it cannot be checked here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _(field->missing), rec->id);
#pragma GCC diagnostic pop
    }
}

static void
store_parts (BedsideRecommendation *rec,
             RecommendationParts   *parts)
{
  rec->n_offers = parts->offers->len;
  rec->offers = (guint *) g_array_free (g_steal_pointer (&parts->offers), FALSE);
  if (parts->mentions->len > 0)
    {
      g_ptr_array_add (parts->mentions, NULL);
      rec->mentions = (char **) g_ptr_array_free (g_steal_pointer (&parts->mentions), FALSE);
    }
  rec->n_citations = parts->citations->len;
  rec->citations = (guint *) g_array_free (g_steal_pointer (&parts->citations), FALSE);
  rec->n_contraindications = parts->contraindications->len;
  rec->contraindications = (BedsideCondition *) g_array_free (g_steal_pointer (&parts->contraindications), FALSE);
  rec->n_cautions = parts->cautions->len;
  rec->cautions = (BedsideCondition *) g_array_free (g_steal_pointer (&parts->cautions), FALSE);
}

/* Conditions are compiled once the arrays have their final addresses. */
static void
compile_conditions (Loader                *loader,
                    BedsideRecommendation *rec,
                    GPtrArray             *condition_nodes,
                    GPtrArray             *pending_notes)
{
  for (guint i = 0, c = 0, k = 0; i < condition_nodes->len; i++)
    {
      xmlNode *child = condition_nodes->pdata[i];
      BedsideCondition *condition = bedside_loader_node_is (child, "contraindication")
        ? &rec->contraindications[c++] : &rec->cautions[k++];
      PendingRef *pending = g_new0 (PendingRef, 1);

      load_condition (loader, child, condition, pending_notes, rec->id);
      /* load_condition queued the condition; queue its note too. */
      pending->node = child;
      pending->ref = bedside_loader_get_attr (child, "note");
      pending->line = condition->line;
      g_ptr_array_add (pending_notes, pending);
    }
}

static void
load_recommendation (Loader     *loader,
                     xmlNode    *node,
                     GPtrArray  *pending_notes,
                     GHashTable *pending_requires)
{
  g_auto(RecommendationParts) parts = { 0 };
  g_autoptr(GPtrArray) children = NULL;
  BedsideRecommendation *rec = new_recommendation (loader, node, pending_requires);

  if (rec == NULL)
    return;

  recommendation_parts_init (&parts);
  children = bedside_loader_element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    load_recommendation_child (loader, children->pdata[i], rec, &parts);
  check_required_fields (loader, rec);
  store_parts (rec, &parts);
  compile_conditions (loader, rec, parts.condition_nodes, pending_notes);
}

static void
resolve_notes (Loader    *loader,
               GPtrArray *pending_notes)
{
  BedsideGuideline *g = loader->guideline;

  /* Pairs: the condition, then its PendingRef. */
  for (guint i = 0; i + 1 < pending_notes->len; i += 2)
    {
      BedsideCondition *condition = pending_notes->pdata[i];
      PendingRef *pending = pending_notes->pdata[i + 1];
      BedsideRecommendation *note = g_hash_table_lookup (g->recommendation_ids, pending->ref);

      if (note == NULL)
        {
          g_autofree char *quoted = bedside_loader_quote_value (pending->ref);
          bedside_loader_error (loader, pending->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                _("<%s> note=%s is not a recommendation"), pending->node->name, quoted);
        }
      else
        condition->note = note->index;
      g_free (pending->ref);
      g_free (pending);
    }
}

static void
resolve_requires (Loader     *loader,
                  GHashTable *pending_requires)
{
  BedsideGuideline *g = loader->guideline;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pending_requires);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      BedsideRecommendation *rec = key;
      g_auto(GStrv) ids = g_strsplit_set (value, " \t\n", -1);
      g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; ids[i] != NULL; i++)
        {
          BedsideRecommendation *required;

          if (*ids[i] == '\0')
            continue;
          required = g_hash_table_lookup (g->recommendation_ids, ids[i]);
          if (required == NULL)
            {
              g_autofree char *quoted = bedside_loader_quote_value (ids[i]);
              bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    _("recommendation '%s' requires %s, which is not a recommendation"),
                                    rec->id, quoted);
              continue;
            }
          if (required == rec || required->n_requires > 0 ||
              g_hash_table_contains (pending_requires, required))
            {
              bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                                    _("recommendation '%s' requires '%s', which itself has requirements; "
                                    "requirements may not chain"), rec->id, required->id);
              continue;
            }
          g_array_append_val (indices, required->index);
        }
      rec->n_requires = indices->len;
      rec->requires = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
    }
}

void
bedside_loader_load_recommendation_nodes (Loader    *loader,
                                          GPtrArray *nodes)
{
  g_autoptr(GPtrArray) pending_notes = g_ptr_array_new ();
  g_autoptr(GHashTable) pending_requires = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *child = nodes->pdata[i];

      if (bedside_loader_node_is (child, "recommendation"))
        load_recommendation (loader, child, pending_notes, pending_requires);
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              _("unknown element <%s> in <recommendations>"), child->name);
    }
  resolve_notes (loader, pending_notes);
  resolve_requires (loader, pending_requires);
}

void
bedside_loader_load_recommendations (Loader  *loader,
                                     xmlNode *node)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });
  bedside_loader_load_recommendation_nodes (loader, children);
}

/* ---- decision tree --------------------------------------------------- */

static void load_sequence (Loader *loader, xmlNode *node, BedsideBranch *branch, guint depth);

static BedsideBranch *
new_branch (Loader        *loader,
            BedsideNode   *decision,
            BedsideBranch *parent,
            guint          line)
{
  BedsideBranch *branch = g_new0 (BedsideBranch, 1);

  branch->decision = decision;
  branch->parent = parent;
  branch->line = line;
  branch->index = loader->guideline->branches->len;
  g_ptr_array_add (loader->guideline->branches, branch);
  return branch;
}

/* A <branch>'s attributes an <otherwise> does not have: its test and id. */
static void
read_branch_test (Loader        *loader,
                  xmlNode       *child,
                  BedsideNode   *decision,
                  BedsideBranch *branch,
                  GHashTable    *tree_ids)
{
  g_autofree char *source = NULL;
  g_autofree char *what = NULL;

  bedside_loader_check_attributes (loader, child, (const char * const []) { "when", "id?", "label?", "pathway?", NULL });
  branch->id = bedside_loader_get_id (loader, child, "id");
  source = bedside_loader_get_attr (child, "when");
  what = g_strdup_printf ("branch test in decision '%s'", decision->id ? decision->id : "?");
  branch->when = bedside_loader_compile_expression (loader, source, branch->line, what, TRUE);
  if (branch->id != NULL)
    {
      if (g_hash_table_contains (tree_ids, branch->id))
        bedside_loader_error (loader, branch->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              _("duplicate branch id '%s' (first defined at line %u)"), branch->id,
                              GPOINTER_TO_UINT (g_hash_table_lookup (tree_ids, branch->id)));
      else
        g_hash_table_insert (tree_ids, branch->id, GUINT_TO_POINTER (branch->line));
    }
}

static BedsideNode *
load_decision (Loader        *loader,
               xmlNode       *node,
               BedsideBranch *parent,
               guint          depth,
               GHashTable    *tree_ids)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);
  g_autoptr(GPtrArray) branches = g_ptr_array_new ();
  BedsideNode *decision = g_new0 (BedsideNode, 1);
  gboolean have_otherwise = FALSE;

  decision->type = BEDSIDE_NODE_DECISION;
  decision->line = bedside_node_line (node);
  bedside_loader_check_attributes (loader, node, (const char * const []) { "id", "label?", NULL });
  decision->id = bedside_loader_get_id (loader, node, "id");
  decision->label = bedside_loader_get_attr (node, "label");
  if (decision->id != NULL)
    {
      if (g_hash_table_contains (tree_ids, decision->id))
        bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              _("duplicate decision id '%s' (first defined at line %u)"), decision->id,
                              GPOINTER_TO_UINT (g_hash_table_lookup (tree_ids, decision->id)));
      else
        g_hash_table_insert (tree_ids, decision->id, GUINT_TO_POINTER (decision->line));
    }

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      gboolean is_otherwise = bedside_loader_node_is (child, "otherwise");
      BedsideBranch *branch;

      if (!is_otherwise && !bedside_loader_node_is (child, "branch"))
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                _("unknown element <%s> in <decision>"), child->name);
          continue;
        }
      if (have_otherwise)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                _("decision '%s': <%s> after <otherwise> can never be reached; <otherwise> comes last"),
                                decision->id ? decision->id : "?", child->name);
          continue;
        }

      branch = new_branch (loader, decision, parent, bedside_node_line (child));
      g_ptr_array_add (branches, branch);
      if (is_otherwise)
        {
          have_otherwise = TRUE;
          bedside_loader_check_attributes (loader, child, (const char * const []) { "label?", "pathway?", NULL });
        }
      else
        read_branch_test (loader, child, decision, branch, tree_ids);
      branch->label = bedside_loader_get_attr (child, "label");
      branch->pathway = bedside_loader_get_attr (child, "pathway");
      load_sequence (loader, child, branch, depth + 1);
    }

  if (!have_otherwise)
    bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_MISSING_OTHERWISE,
                          _("decision '%s' has no <otherwise>: every decision must end with one, so every combination of answers reaches a plan"),
                          decision->id ? decision->id : "?");
  if (branches->len == 0 || (branches->len == 1 && have_otherwise))
    bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                          _("decision '%s' needs at least one <branch>"), decision->id ? decision->id : "?");

  decision->n_branches = branches->len;
  decision->branches = (BedsideBranch **) g_ptr_array_free (g_steal_pointer (&branches), FALSE);
  return decision;
}

static void
load_sequence (Loader        *loader,
               xmlNode       *node,
               BedsideBranch *branch,
               guint          depth)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "recommend"))
        {
          g_autofree char *ref = NULL;
          BedsideRecommendation *rec;
          BedsideNode *n;

          if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "ref", NULL }))
            continue;
          ref = bedside_loader_get_attr (child, "ref");
          rec = g_hash_table_lookup (loader->guideline->recommendation_ids, ref);
          if (rec == NULL)
            {
              g_autofree char *quoted = bedside_loader_quote_value (ref);
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    _("<recommend ref=%s>: no such recommendation"), quoted);
              continue;
            }
          n = g_new0 (BedsideNode, 1);
          n->type = BEDSIDE_NODE_RECOMMEND;
          n->line = bedside_node_line (child);
          n->recommendation = rec->index;
          g_ptr_array_add (nodes, n);
        }
      else if (bedside_loader_node_is (child, "stop"))
        {
          BedsideNode *n = g_new0 (BedsideNode, 1);
          bedside_loader_check_attributes (loader, child, (const char * const []) { NULL });
          n->type = BEDSIDE_NODE_STOP;
          n->line = bedside_node_line (child);
          g_ptr_array_add (nodes, n);
        }
      else if (bedside_loader_node_is (child, "decision"))
        g_ptr_array_add (nodes, load_decision (loader, child, branch, depth, loader->tree_ids));
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              _("unknown element <%s> in <%s>"), child->name, node->name);
    }
  branch->n_children = nodes->len;
  branch->children = (BedsideNode **) g_ptr_array_free (g_steal_pointer (&nodes), FALSE);
}

void
bedside_loader_load_tree (Loader  *loader,
                          xmlNode *node)
{
  g_autoptr(GHashTable) tree_ids = g_hash_table_new (g_str_hash, g_str_equal);
  BedsideGuideline *g = loader->guideline;

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });
  g->tree = new_branch (loader, NULL, NULL, bedside_node_line (node));
  loader->tree_ids = tree_ids;
  load_sequence (loader, node, g->tree, 0);
  loader->tree_ids = NULL;
  if (g->tree->n_children == 0)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<decision-tree> is empty"));
}
