/* bedside-guideline-loader-medicines.c: reads the medicine records files a format 2 guideline uses (docs/medicine-records.md). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-medicines-private.h"

/* A condition read from a records file, before its note, citations and
 * companions are resolved. */
typedef struct
{
  BedsideCondition  condition;
  char             *when;
  char             *note;
  char             *with;
  GPtrArray        *cites;      /* char *, reference ids */
} PendingCondition;

static void
pending_condition_free (PendingCondition *pending)
{
  bedside_condition_clear (&pending->condition);
  g_free (pending->when);
  g_free (pending->note);
  g_free (pending->with);
  g_ptr_array_unref (pending->cites);
  g_free (pending);
}

/* The parts of one records file, by id. */
typedef struct
{
  const char *file_name;
  GHashTable *medicines;       /* id → xmlNode <medicine> */
  GHashTable *groups;          /* <medicine> → its <group>, if any */
  GHashTable *references;      /* id → xmlNode <reference> */
  GHashTable *notes;           /* id → xmlNode <recommendation> */
} RecordsFile;

static void
records_file_clear (RecordsFile *file)
{
  g_clear_pointer (&file->medicines, g_hash_table_unref);
  g_clear_pointer (&file->groups, g_hash_table_unref);
  g_clear_pointer (&file->references, g_hash_table_unref);
  g_clear_pointer (&file->notes, g_hash_table_unref);
}

static void
index_children (Loader     *loader,
                xmlNode    *parent,
                const char *element,
                GHashTable *table)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, parent);

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      xmlChar *id;

      if (!bedside_loader_node_is (child, element))
        continue;
      id = xmlGetProp (child, (const xmlChar *) "id");
      if (id != NULL && !g_hash_table_contains (table, (const char *) id))
        g_hash_table_insert (table, g_strdup ((const char *) id), child);
      else if (id != NULL)
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              _("duplicate %s id '%s'"), element, (const char *) id);
      xmlFree (id);
    }
}

static void
index_medicine (Loader      *loader,
                RecordsFile *file,
                xmlNode     *medicine,
                xmlNode     *group)
{
  xmlChar *id = xmlGetProp (medicine, (const xmlChar *) "id");

  if (id != NULL && !g_hash_table_contains (file->medicines, (const char *) id))
    {
      g_hash_table_insert (file->medicines, g_strdup ((const char *) id), medicine);
      if (group != NULL)
        g_hash_table_insert (file->groups, medicine, group);
    }
  else if (id != NULL)
    bedside_loader_error (loader, bedside_node_line (medicine), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                          _("duplicate medicine id '%s'"), (const char *) id);
  xmlFree (id);
}

/* Indexes a records file: the schema has checked its shape already. */
static void
index_records (Loader      *loader,
               xmlNode     *root,
               RecordsFile *file)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, root);

  file->medicines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file->groups = g_hash_table_new (NULL, NULL);
  file->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "references"))
        index_children (loader, child, "reference", file->references);
      else if (bedside_loader_node_is (child, "recommendations"))
        index_children (loader, child, "recommendation", file->notes);
      else if (bedside_loader_node_is (child, "medicine"))
        index_medicine (loader, file, child, NULL);
      else if (bedside_loader_node_is (child, "group"))
        {
          g_autoptr(GPtrArray) members = bedside_loader_element_children (loader, child);

          for (guint m = 0; m < members->len; m++)
            if (bedside_loader_node_is (members->pdata[m], "medicine"))
              index_medicine (loader, file, members->pdata[m], child);
        }
    }
}

/* ---- one medicine ---------------------------------------------------- */

static PendingCondition *
read_condition (Loader  *loader,
                xmlNode *node,
                gint     medicine)
{
  PendingCondition *pending = g_new0 (PendingCondition, 1);
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);

  pending->cites = g_ptr_array_new_with_free_func (g_free);
  pending->condition.line = bedside_node_line (node);
  pending->condition.medicine = medicine;
  pending->condition.id = bedside_loader_get_attr (node, "id");
  pending->when = bedside_loader_get_attr (node, "when");
  pending->note = bedside_loader_get_attr (node, "note");
  pending->with = bedside_loader_get_attr (node, "with");
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "clinician"))
        bedside_loader_read_text_element (loader, child, &pending->condition.reason);
      else if (bedside_loader_node_is (child, "patient"))
        bedside_loader_read_text_element (loader, child, &pending->condition.patient);
      else if (bedside_loader_node_is (child, "cite"))
        g_ptr_array_add (pending->cites, bedside_loader_get_attr (child, "ref"));
    }
  if (pending->when == NULL && pending->with == NULL)
    bedside_loader_error (loader, pending->condition.line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          _("<caution> needs when=, with= or both"));
  return pending;
}

static void
read_safety (Loader    *loader,
             xmlNode   *parent,
             gint       medicine,
             GPtrArray *against,
             GPtrArray *cautions)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, parent);

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "against"))
        g_ptr_array_add (against, read_condition (loader, child, medicine));
      else if (bedside_loader_node_is (child, "caution"))
        g_ptr_array_add (cautions, read_condition (loader, child, medicine));
    }
}

static void
read_medicine_texts (Loader          *loader,
                     xmlNode         *node,
                     BedsideMedicine *medicine)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);
  static const struct { const char *name; gsize offset; } texts[] = {
    { "name", G_STRUCT_OFFSET (BedsideMedicine, name) },
    { "dose", G_STRUCT_OFFSET (BedsideMedicine, dose) },
    { "max-daily", G_STRUCT_OFFSET (BedsideMedicine, max_daily) },
    { "course", G_STRUCT_OFFSET (BedsideMedicine, course) },
    { "patient-max", G_STRUCT_OFFSET (BedsideMedicine, patient_max) },
  };

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        if (bedside_loader_node_is (child, texts[t].name))
          bedside_loader_read_text_element (loader, child, G_STRUCT_MEMBER_P (medicine, texts[t].offset));
      if (bedside_loader_node_is (child, "patient-dose"))
        {
          g_free (medicine->patient_dose);
          g_free (medicine->strength);
          medicine->patient_dose = bedside_loader_element_text (loader, child);
          medicine->strength = bedside_loader_get_attr (child, "strength");
          medicine->prescription = bedside_loader_get_boolean (loader, child, "prescription", FALSE);
        }
    }
}

/* Turns the pending conditions into the medicine's array, keeping the
 * sources of their expressions for later; notes and citations are looked
 * up in the guideline, which has them by now. */
static BedsideCondition *
settle_conditions (Loader          *loader,
                   BedsideMedicine *medicine,
                   GPtrArray       *pending,
                   GPtrArray       *sources)
{
  BedsideGuideline *g = loader->guideline;
  BedsideCondition *conditions = g_new0 (BedsideCondition, MAX (pending->len, 1));

  for (guint i = 0; i < pending->len; i++)
    {
      PendingCondition *p = pending->pdata[i];
      BedsideCondition *c = &conditions[i];
      BedsideRecommendation *note = g_hash_table_lookup (g->recommendation_ids, p->note ? p->note : "");
      g_autoptr(GArray) citations = g_array_new (FALSE, FALSE, sizeof (guint));

      *c = p->condition;
      memset (&p->condition, 0, sizeof p->condition);
      c->medicine = (gint) medicine->index;
      if (note == NULL)
        {
          g_autofree char *quoted = bedside_loader_quote_value (p->note);
          bedside_loader_error (loader, c->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                _("note=%s of medicine '%s' is not a recommendation of the records file"),
                                quoted, medicine->id);
        }
      else
        {
          c->note = note->index;
          if (note->record_medicine < 0)
            note->record_medicine = (gint) medicine->index;
        }
      for (guint r = 0; r < p->cites->len; r++)
        {
          BedsideReference *ref = g_hash_table_lookup (g->reference_ids, p->cites->pdata[r]);
          if (ref != NULL)
            g_array_append_val (citations, ref->index);
        }
      c->n_citations = citations->len;
      c->citations = (guint *) g_array_free (g_steal_pointer (&citations), FALSE);
      g_ptr_array_add (sources, g_steal_pointer (&p->when));
      /* The companions (with=) are resolved once every medicine is known. */
      c->with = NULL;
      c->n_with = 0;
    }
  return conditions;
}

static void
collect_needs (GPtrArray  *pending,
               GHashTable *notes,
               GHashTable *references)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingCondition *p = pending->pdata[i];

      if (p->note != NULL)
        g_hash_table_add (notes, p->note);
      for (guint r = 0; r < p->cites->len; r++)
        g_hash_table_add (references, p->cites->pdata[r]);
    }
}

/* ---- one records file ------------------------------------------------ */

typedef struct
{
  xmlNode         *node;
  BedsideMedicine *medicine;
  GPtrArray       *against;    /* PendingCondition * */
  GPtrArray       *cautions;
} UsedMedicine;

static void
used_medicine_free (UsedMedicine *used)
{
  if (used->medicine != NULL)
    bedside_medicine_free (used->medicine);
  g_ptr_array_unref (used->against);
  g_ptr_array_unref (used->cautions);
  g_free (used);
}

static void
register_references (Loader      *loader,
                     RecordsFile *file,
                     GHashTable  *needed)
{
  BedsideGuideline *g = loader->guideline;
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GList) ids = NULL;

  g_hash_table_iter_init (&iter, needed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ids = g_list_prepend (ids, key);
  ids = g_list_sort (ids, (GCompareFunc) g_strcmp0);  /* a stable order */
  for (GList *l = ids; l != NULL; l = l->next)
    {
      xmlNode *node = g_hash_table_lookup (file->references, l->data);
      BedsideReference *ref;

      if (node == NULL)
        {
          bedside_loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                _("'%s' is cited but is not in the records file's <references>"),
                                (const char *) l->data);
          continue;
        }
      if (g_hash_table_contains (g->reference_ids, l->data))
        {
          BedsideReference *first = g_hash_table_lookup (g->reference_ids, l->data);
          bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                                _("reference '%s' is defined both here and in the guideline (line %u); "
                                "keep it in one place"), (const char *) l->data, first->line);
          continue;
        }
      ref = g_new0 (BedsideReference, 1);
      ref->id = g_strdup (l->data);
      ref->text = bedside_loader_element_text (loader, node);
      ref->line = bedside_node_line (node);
      ref->index = g->references->len;
      g_ptr_array_add (g->references, ref);
      g_hash_table_insert (g->reference_ids, ref->id, ref);
    }
}

static void
load_notes (Loader      *loader,
            RecordsFile *file,
            GHashTable  *needed)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, needed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      xmlNode *node = g_hash_table_lookup (file->notes, key);
      if (node != NULL && !g_hash_table_contains (loader->guideline->recommendation_ids, key))
        g_ptr_array_add (nodes, node);
    }
  /* In the order of the file, so that the guideline's order is stable. */
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
    xmlNode *first = nodes->len > 0 ? ((xmlNode *) nodes->pdata[0])->parent : NULL;

    for (xmlNode *n = first ? first->children : NULL; n != NULL; n = n->next)
      if (g_ptr_array_find (nodes, n, NULL))
        g_ptr_array_add (ordered, n);
    bedside_loader_load_recommendation_nodes (loader, ordered);
  }
}

/* Reads, parses and checks the records file a <medicines> element names;
 * NULL (reported) when it cannot be used.  Sets *@path and the file's
 * source entry. */
static xmlDoc *
open_records_file (Loader     *loader,
                   xmlNode    *uses_node,
                   const char *records,
                   char      **path)
{
  g_autofree char *name = g_strconcat (records, ".xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  BedsideMedicineSource *source;
  const char *guideline_name = loader->name;
  guint errors_before = loader->n_errors;
  xmlDoc *doc = NULL;
  xmlNode *root;
  gsize length = 0;

  *path = g_build_filename (loader->base_dir, "medicines", name, NULL);
  if (!bedside_guideline_read_file (*path, &contents, &length, &error))
    {
      bedside_loader_error (loader, bedside_node_line (uses_node), BEDSIDE_GUIDELINE_ERROR_IO,
                            _("medicine records '%s': %s"), records, error->message);
      return NULL;
    }

  loader->name = *path;
  if (length == 0)
    bedside_loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("the file is empty"));
  else if (bedside_check_encoding (loader, contents, length))
    doc = bedside_parse_xml (loader, contents, length);
  if (doc != NULL && loader->n_errors == errors_before)
    bedside_validate_schema (loader, doc);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root != NULL && loader->n_errors == errors_before && !bedside_loader_node_is (root, "medicine-records"))
    bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                          _("the document element is <%s>, not <medicine-records>"), root->name);
  if (root != NULL && loader->n_errors == errors_before)
    {
      g_autofree char *id = bedside_loader_get_attr (root, "id");
      if (g_strcmp0 (id, records) != 0)
        bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                              _("the records file's id is '%s', but the guideline asks for '%s'"), id, records);
    }
  loader->name = guideline_name;
  if (loader->n_errors > errors_before)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  source = g_new0 (BedsideMedicineSource, 1);
  source->id = g_strdup (records);
  source->version = bedside_loader_get_attr (root, "version");
  source->path = g_strdup (*path);
  source->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_ptr_array_add (loader->guideline->medicine_sources, source);
  return doc;
}

/* The guideline's <use> and <map> children of one <medicines>. */
static void
read_uses (Loader      *loader,
           xmlNode     *uses_node,
           RecordsFile *file,
           const char  *path,
           GHashTable  *map,
           GPtrArray   *used)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, uses_node);

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "map"))
        {
          g_autofree char *name = bedside_loader_get_attr (child, "name");
          g_autofree char *to = bedside_loader_get_attr (child, "to");

          if (name != NULL && to != NULL)
            g_hash_table_insert (map, g_steal_pointer (&name), g_steal_pointer (&to));
        }
      else if (bedside_loader_node_is (child, "use"))
        {
          g_autofree char *id = bedside_loader_get_attr (child, "medicine");
          xmlNode *node = id ? g_hash_table_lookup (file->medicines, id) : NULL;
          UsedMedicine *u;

          if (node == NULL)
            {
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    _("medicine '%s' is not in the records file %s"), id ? id : "", path);
              continue;
            }
          if (g_hash_table_contains (g->medicine_ids, id))
            {
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                                    _("medicine '%s' is used twice"), id);
              continue;
            }
          u = g_new0 (UsedMedicine, 1);
          u->node = node;
          u->against = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_condition_free);
          u->cautions = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_condition_free);
          u->medicine = g_new0 (BedsideMedicine, 1);
          u->medicine->id = g_steal_pointer (&id);
          u->medicine->line = bedside_node_line (node);
          u->medicine->index = g->medicines->len + used->len;
          u->medicine->source = g->medicine_sources->len - 1;
          /* Registered now, so that a second <use> of it is caught. */
          g_hash_table_insert (g->medicine_ids, u->medicine->id, u->medicine);
          g_ptr_array_add (used, u);
        }
    }

}

/* The used medicines' records, and what they need from the file: the
 * notes they add and the references they cite. */
static void
read_used_records (Loader      *loader,
                   RecordsFile *file,
                   GPtrArray   *used,
                   GHashTable  *needed_notes,
                   GHashTable  *needed_refs)
{
  BedsideGuideline *g = loader->guideline;

  for (guint i = 0; i < used->len; i++)
    {
      UsedMedicine *u = used->pdata[i];
      xmlNode *group = g_hash_table_lookup (file->groups, u->node);

      if (group != NULL)
        {
          g_autoptr(GPtrArray) parts = bedside_loader_element_children (loader, group);

          u->medicine->group = bedside_loader_get_attr (group, "id");
          for (guint p = 0; p < parts->len; p++)
            if (bedside_loader_node_is (parts->pdata[p], "name"))
              bedside_loader_read_text_element (loader, parts->pdata[p], &u->medicine->group_name);
          read_safety (loader, group, (gint) u->medicine->index, u->against, u->cautions);
          g_hash_table_add (g->medicine_groups, g_strdup (u->medicine->group));
        }
      read_medicine_texts (loader, u->node, u->medicine);
      read_safety (loader, u->node, (gint) u->medicine->index, u->against, u->cautions);
      collect_needs (u->against, needed_notes, needed_refs);
      collect_needs (u->cautions, needed_notes, needed_refs);
    }
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, needed_notes);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        xmlNode *note = g_hash_table_lookup (file->notes, key);
        for (xmlNode *c = note ? note->children : NULL; c != NULL; c = c->next)
          if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, (const xmlChar *) "cite"))
            {
              xmlChar *ref = xmlGetProp (c, (const xmlChar *) "ref");
              const char *key_ref = NULL;

              if (ref != NULL && g_hash_table_lookup_extended (file->references, (const char *) ref,
                                                               (gpointer *) &key_ref, NULL))
                g_hash_table_add (needed_refs, (gpointer) key_ref);
              xmlFree (ref);
            }
      }
  }
}

/* Turns the used records into the guideline's medicines; their conditions
 * are compiled later (bedside-guideline-loader-medicines-compile.c). */
static void
settle_used (Loader     *loader,
             GPtrArray  *used,
             GHashTable *map,
             const char *path)
{
  BedsideGuideline *g = loader->guideline;

  for (guint i = 0; i < used->len; i++)
    {
      UsedMedicine *u = used->pdata[i];
      MedicineState *state = g_new0 (MedicineState, 1);

      state->file_name = g_strdup (path);
      state->map = g_hash_table_ref (map);
      state->against_sources = g_ptr_array_new_with_free_func (g_free);
      state->caution_sources = g_ptr_array_new_with_free_func (g_free);
      state->caution_with = g_ptr_array_new_with_free_func (g_free);
      u->medicine->n_against = u->against->len;
      u->medicine->against = settle_conditions (loader, u->medicine, u->against, state->against_sources);
      u->medicine->n_cautions = u->cautions->len;
      u->medicine->cautions = settle_conditions (loader, u->medicine, u->cautions, state->caution_sources);
      /* with= is kept as text until every file is read. */
      for (guint c = 0; c < u->cautions->len; c++)
        {
          PendingCondition *p = u->cautions->pdata[c];
          g_ptr_array_add (state->caution_with, g_steal_pointer (&p->with));
        }
      g_ptr_array_add (loader->medicine_states, state);
      g_ptr_array_add (g->medicines, g_steal_pointer (&u->medicine));
    }

}

static void
read_records_file (Loader     *loader,
                   xmlNode    *uses_node,
                   GHashTable *all_medicines)
{
  g_autofree char *records = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func ((GDestroyNotify) used_medicine_free);
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) needed_notes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) needed_refs = g_hash_table_new (g_str_hash, g_str_equal);
  RecordsFile file = { 0 };
  const char *guideline_name = loader->name;
  GHashTableIter iter;
  gpointer key;
  xmlDoc *doc;

  if (!bedside_loader_check_attributes (loader, uses_node, (const char * const []) { "records", NULL }))
    return;
  records = bedside_loader_get_id (loader, uses_node, "records");
  if (records == NULL)
    return;
  if (loader->base_dir == NULL)
    {
      bedside_loader_error (loader, bedside_node_line (uses_node), BEDSIDE_GUIDELINE_ERROR_IO,
                            _("medicine records '%s' cannot be found: the guideline was not read from a file"),
                            records);
      return;
    }
  doc = open_records_file (loader, uses_node, records, &path);
  if (doc == NULL)
    return;

  file.file_name = path;
  loader->name = path;
  index_records (loader, xmlDocGetRootElement (doc), &file);
  g_hash_table_iter_init (&iter, file.medicines);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (all_medicines, g_strdup (key));

  /* <use> and <map>: their lines are the guideline's. */
  loader->name = guideline_name;
  read_uses (loader, uses_node, &file, path, map, used);

  /* The records themselves: their lines are the records file's. */
  loader->name = path;
  read_used_records (loader, &file, used, needed_notes, needed_refs);
  register_references (loader, &file, needed_refs);
  load_notes (loader, &file, needed_notes);
  settle_used (loader, used, map, path);

  loader->name = guideline_name;
  records_file_clear (&file);
  xmlFreeDoc (doc);
}

/* ---- the guideline's side -------------------------------------------- */

static void
resolve_with (Loader     *loader,
              GHashTable *all_medicines)
{
  BedsideGuideline *g = loader->guideline;

  for (guint m = 0; m < g->medicines->len; m++)
    {
      BedsideMedicine *medicine = g->medicines->pdata[m];
      MedicineState *state = loader->medicine_states->pdata[m];

      for (guint c = 0; c < medicine->n_cautions; c++)
        {
          const char *with = state->caution_with->pdata[c];
          g_auto(GStrv) ids = NULL;
          g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

          if (with == NULL)
            continue;
          ids = g_strsplit_set (with, " \t\n", -1);
          for (guint i = 0; ids[i] != NULL; i++)
            {
              BedsideMedicine *other;

              if (*ids[i] == '\0')
                continue;
              other = g_hash_table_lookup (g->medicine_ids, ids[i]);
              if (other != NULL)
                g_array_append_val (indices, other->index);
              else if (!g_hash_table_contains (all_medicines, ids[i]))
                {
                  const char *saved = loader->name;
                  loader->name = state->file_name;
                  bedside_loader_error (loader, medicine->cautions[c].line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                        _("with='%s' of medicine '%s' is not a medicine of the records files"),
                                        ids[i], medicine->id);
                  loader->name = saved;
                }
              /* A medicine the guideline does not use is never offered
               * with this one: nothing to add. */
            }
          medicine->cautions[c].n_with = indices->len;
          medicine->cautions[c].with = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
        }
    }
}

void
bedside_loader_read_medicines (Loader   *loader,
                               xmlNode **uses,
                               guint     n_uses)
{
  g_autoptr(GHashTable) all_medicines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  loader->medicine_states = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_medicine_state_free);
  for (guint i = 0; i < n_uses; i++)
    read_records_file (loader, uses[i], all_medicines);
  resolve_with (loader, all_medicines);
}

