/* bedside-guideline-loader-tree.c: loads the recommendations and the decision tree that leads to them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-private.h"

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

static void
load_recommendation (Loader    *loader,
                     xmlNode   *node,
                     GPtrArray *pending_notes,
                     GHashTable *pending_requires)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GArray) citations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) contraindications = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  g_autoptr(GArray) cautions = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  g_autoptr(GPtrArray) condition_nodes = g_ptr_array_new ();
  g_autoptr(GArray) offers_list = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) mentions_list = g_ptr_array_new_with_free_func (g_free);
  BedsideRecommendation *rec;
  gint kind, topic;
  char *id;

  if (!bedside_loader_check_attributes (loader, node, (const char * const []) { "id", "kind", "topic?", "requires?", NULL }))
    return;
  id = bedside_loader_get_id (loader, node, "id");
  kind = bedside_loader_get_enum (loader, node, "kind", bedside_kind_names, G_N_ELEMENTS (bedside_kind_names), -1);
  topic = bedside_loader_get_enum (loader, node, "topic", bedside_topic_names, G_N_ELEMENTS (bedside_topic_names), BEDSIDE_TOPIC_GENERAL);
  if (id == NULL || kind < 0 || topic < 0)
    {
      g_free (id);
      return;
    }

  rec = g_new0 (BedsideRecommendation, 1);
  rec->id = id;
  rec->line = bedside_node_line (node);
  rec->kind = (BedsideRecommendationKind) kind;
  rec->topic = (BedsideTopic) topic;
  rec->index = g->recommendations->len;
  rec->record_medicine = -1;

  {
    BedsideRecommendation *first = g_hash_table_lookup (g->recommendation_ids, id);
    if (!bedside_loader_register_id (loader, g->recommendation_ids, "recommendation", id, rec, rec->line,
                                     first ? first->line : 0))
      {
        bedside_recommendation_free (rec);
        return;
      }
  }
  g_ptr_array_add (g->recommendations, rec);

  {
    g_autofree char *requires = bedside_loader_get_attr (node, "requires");
    if (requires != NULL)
      g_hash_table_insert (pending_requires, rec, g_steal_pointer (&requires));
  }

  children = bedside_loader_element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      static const struct { const char *name; gsize offset; } texts[] = {
        { "title", G_STRUCT_OFFSET (BedsideRecommendation, title) },
        { "clinician", G_STRUCT_OFFSET (BedsideRecommendation, clinician) },
        { "dose", G_STRUCT_OFFSET (BedsideRecommendation, dose) },
        { "duration", G_STRUCT_OFFSET (BedsideRecommendation, duration) },
        { "patient-title", G_STRUCT_OFFSET (BedsideRecommendation, patient_title) },
        { "patient", G_STRUCT_OFFSET (BedsideRecommendation, patient) },
        { "patient-dose", G_STRUCT_OFFSET (BedsideRecommendation, patient_dose) },
        { "patient-duration", G_STRUCT_OFFSET (BedsideRecommendation, patient_duration) },
        { "patient-watch", G_STRUCT_OFFSET (BedsideRecommendation, patient_watch) },
      };
      gboolean done = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        if (bedside_loader_node_is (child, texts[t].name))
          {
            char **field = G_STRUCT_MEMBER_P (rec, texts[t].offset);
            bedside_loader_read_text_element (loader, child, &*field);
            done = TRUE;
          }
      if (done)
        continue;

      if (bedside_loader_node_is (child, "evidence"))
        {
          gint q, s;
          bedside_loader_check_attributes (loader, child, (const char * const []) { "quality", "strength", NULL });
          q = bedside_loader_get_enum (loader, child, "quality", quality_names, G_N_ELEMENTS (quality_names) - 1, -1);
          s = bedside_loader_get_enum (loader, child, "strength", strength_names, G_N_ELEMENTS (strength_names) - 1, -1);
          /* A second <evidence> (the schema refuses it later) must not
           * leak the first one's strings (found by fuzz-guideline). */
          g_clear_pointer (&rec->evidence_quality, g_free);
          g_clear_pointer (&rec->evidence_strength, g_free);
          g_clear_pointer (&rec->evidence_note, g_free);
          if (q >= 0)
            rec->evidence_quality = g_strdup (quality_names[q]);
          if (s >= 0)
            rec->evidence_strength = g_strdup (strength_names[s]);
          rec->evidence_note = bedside_loader_element_text (loader, child);
          if (*rec->evidence_note == '\0')
            g_clear_pointer (&rec->evidence_note, g_free);
        }
      else if (bedside_loader_node_is (child, "cite"))
        {
          g_autofree char *ref = NULL;
          BedsideReference *reference;

          if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "ref", NULL }))
            continue;
          ref = bedside_loader_get_attr (child, "ref");
          reference = g_hash_table_lookup (g->reference_ids, ref);
          if (reference == NULL)
            {
              g_autofree char *quoted = bedside_loader_quote_value (ref);
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    _("recommendation '%s' cites %s, which is not in <references>"), id, quoted);
              continue;
            }
          g_array_append_val (citations, reference->index);
        }
      else if (bedside_loader_node_is (child, "offers") || bedside_loader_node_is (child, "mentions"))
        read_medicine_reference (loader, child, id, offers_list, mentions_list);
      else if (bedside_loader_node_is (child, "contraindication") || bedside_loader_node_is (child, "caution"))
        {
          BedsideCondition condition = { 0 };

          if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "when", "note", NULL }))
            continue;
          condition.line = bedside_node_line (child);
          condition.medicine = -1;
          if (bedside_loader_node_is (child, "contraindication"))
            g_array_append_val (contraindications, condition);
          else
            g_array_append_val (cautions, condition);
          g_ptr_array_add (condition_nodes, child);
        }
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              _("unknown element <%s> in <recommendation>"), child->name);
    }

  if (rec->title == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("recommendation '%s' needs a <title>"), id);
  if (rec->clinician == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("recommendation '%s' needs <clinician> text"), id);
  if (rec->patient == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("recommendation '%s' needs <patient> text"), id);

  rec->n_offers = offers_list->len;
  rec->offers = (guint *) g_array_free (g_steal_pointer (&offers_list), FALSE);
  if (mentions_list->len > 0)
    {
      g_ptr_array_add (mentions_list, NULL);
      rec->mentions = (char **) g_ptr_array_free (g_steal_pointer (&mentions_list), FALSE);
    }
  rec->n_citations = citations->len;
  rec->citations = (guint *) g_array_free (g_steal_pointer (&citations), FALSE);
  rec->n_contraindications = contraindications->len;
  rec->contraindications = (BedsideCondition *) g_array_free (g_steal_pointer (&contraindications), FALSE);
  rec->n_cautions = cautions->len;
  rec->cautions = (BedsideCondition *) g_array_free (g_steal_pointer (&cautions), FALSE);

  /* Conditions are compiled once the arrays have their final addresses. */
  for (guint i = 0, c = 0, k = 0; i < condition_nodes->len; i++)
    {
      xmlNode *child = condition_nodes->pdata[i];
      BedsideCondition *condition = bedside_loader_node_is (child, "contraindication")
        ? &rec->contraindications[c++] : &rec->cautions[k++];
      PendingRef *pending = g_new0 (PendingRef, 1);

      load_condition (loader, child, condition, pending_notes, id);
      /* load_condition queued the condition; queue its note too. */
      pending->node = child;
      pending->ref = bedside_loader_get_attr (child, "note");
      pending->line = condition->line;
      g_ptr_array_add (pending_notes, pending);
    }
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
