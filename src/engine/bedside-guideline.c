/* bedside-guideline.c: the BedsideGuideline type: its life cycle, accessors, and where guidelines are found. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bedside-file.h"
#include "bedside-guideline-loader-private.h"
#include "bedside-library.h"
#include "bedside-recommendation-fields-private.h"

G_DEFINE_QUARK (bedside-guideline-error-quark, bedside_guideline_error)
G_DEFINE_BOXED_TYPE (BedsideGuideline, bedside_guideline, bedside_guideline_ref, bedside_guideline_unref)

/* ---- small tables ---------------------------------------------------- */

const char * const bedside_status_names[BEDSIDE_STATUS_RETIRED + 1] = { "draft", "under-review", "approved", "retired" };
const char * const bedside_kind_names[BEDSIDE_N_KINDS] = { "urgent", "do", "consider", "avoid", "caution", "info" };
const char * const bedside_topic_names[BEDSIDE_TOPIC_SAFETY_NET + 1] = { "general", "activity", "medicine", "referral", "follow-up", "safety-net" };

const char *
bedside_review_status_to_string (BedsideReviewStatus status)
{
  g_return_val_if_fail (status <= BEDSIDE_STATUS_RETIRED, NULL);
  return bedside_status_names[status];
}

const char *
bedside_kind_to_string (BedsideRecommendationKind kind)
{
  g_return_val_if_fail (kind < BEDSIDE_N_KINDS, NULL);
  return bedside_kind_names[kind];
}

const char *
bedside_topic_to_string (BedsideTopic topic)
{
  g_return_val_if_fail (topic <= BEDSIDE_TOPIC_SAFETY_NET, NULL);
  return bedside_topic_names[topic];
}

/* ---- freeing --------------------------------------------------------- */

void
bedside_reference_free (BedsideReference *ref)
{
  g_free (ref->id);
  g_free (ref->text);
  g_free (ref);
}

void
bedside_section_free (BedsideSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section->description);
  g_free (section);
}

void
bedside_item_free (BedsideItem *item)
{
  g_free (item->id);
  g_free (item->unit);
  g_free (item->label);
  g_free (item->short_label);
  g_free (item->help);
  for (guint i = 0; i < item->n_options; i++)
    {
      g_free (item->options[i].code);
      g_free (item->options[i].label);
    }
  g_free (item->options);
  g_free (item->codes);
  g_clear_pointer (&item->enable_when, bedside_expr_free);
  g_free (item);
}

void
bedside_definition_free (BedsideDefinition *def)
{
  g_free (def->id);
  g_clear_pointer (&def->expr, bedside_expr_free);
  g_free (def);
}

void
bedside_condition_clear (BedsideCondition *condition)
{
  g_clear_pointer (&condition->when, bedside_expr_free);
  g_clear_pointer (&condition->reason, g_free);
  g_clear_pointer (&condition->id, g_free);
  g_clear_pointer (&condition->patient, g_free);
  g_clear_pointer (&condition->citations, g_free);
  g_clear_pointer (&condition->with, g_free);
}

static void
conditions_free (BedsideCondition *conditions,
                 guint             n)
{
  for (guint i = 0; i < n; i++)
    bedside_condition_clear (&conditions[i]);
  g_free (conditions);
}

void
bedside_medicine_free (BedsideMedicine *medicine)
{
  g_free (medicine->id);
  g_free (medicine->name);
  g_free (medicine->group);
  g_free (medicine->group_name);
  g_free (medicine->dose);
  g_free (medicine->max_daily);
  g_free (medicine->course);
  g_free (medicine->strength);
  g_free (medicine->patient_dose);
  g_free (medicine->patient_max);
  conditions_free (medicine->against, medicine->n_against);
  conditions_free (medicine->cautions, medicine->n_cautions);
  g_free (medicine);
}

void
bedside_medicine_source_free (BedsideMedicineSource *source)
{
  g_free (source->id);
  g_free (source->version);
  g_free (source->path);
  g_free (source->sha256);
  g_free (source);
}

void
bedside_recommendation_free (BedsideRecommendation *rec)
{
  g_free (rec->id);
  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    g_free (*bedside_recommendation_field_slot (rec, field));
  g_free (rec->evidence_quality);
  g_free (rec->evidence_strength);
  g_free (rec->citations);
  conditions_free (rec->contraindications, rec->n_contraindications);
  conditions_free (rec->cautions, rec->n_cautions);
  g_free (rec->requires);
  g_free (rec->offers);
  g_strfreev (rec->mentions);
  g_free (rec);
}

static void branch_free (BedsideBranch *branch);

static void
node_free (BedsideNode *node)
{
  if (node == NULL)
    return;
  g_free (node->id);
  g_free (node->label);
  for (guint i = 0; i < node->n_branches; i++)
    branch_free (node->branches[i]);
  g_free (node->branches);
  g_free (node);
}

static void
branch_free (BedsideBranch *branch)
{
  if (branch == NULL)
    return;
  g_free (branch->id);
  g_free (branch->label);
  g_free (branch->pathway);
  g_clear_pointer (&branch->when, bedside_expr_free);
  for (guint i = 0; i < branch->n_children; i++)
    node_free (branch->children[i]);
  g_free (branch->children);
  g_free (branch);
}

static BedsideGuideline *
guideline_alloc (void)
{
  BedsideGuideline *self = g_new0 (BedsideGuideline, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->max_grade = -1;
  self->reviewers = g_ptr_array_new_with_free_func (g_free);
  self->references = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_reference_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_section_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_item_free);
  self->definitions = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_definition_free);
  self->definition_exprs = g_ptr_array_new ();
  self->recommendations = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_recommendation_free);
  self->branches = g_ptr_array_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->recommendation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->reference_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->medicines = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_medicine_free);
  self->medicine_sources = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_medicine_source_free);
  self->medicine_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->medicine_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

BedsideGuideline *
bedside_guideline_ref (BedsideGuideline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_guideline_unref (BedsideGuideline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->names);
  g_hash_table_unref (self->recommendation_ids);
  g_hash_table_unref (self->reference_ids);
  g_hash_table_unref (self->medicine_ids);
  g_hash_table_unref (self->medicine_groups);
  g_ptr_array_unref (self->medicines);
  g_ptr_array_unref (self->medicine_sources);
  branch_free (self->tree);
  g_ptr_array_unref (self->branches);
  g_ptr_array_unref (self->recommendations);
  g_ptr_array_unref (self->definition_exprs);
  g_ptr_array_unref (self->definitions);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->references);
  g_ptr_array_unref (self->reviewers);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->sha256);
  g_free (self->id);
  g_free (self->version);
  g_free (self->language);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->review_date);
  g_free (self->next_review);
  g_free (self->audience);
  g_free (self->population);
  g_free (self->disclaimer);
  g_free (self);
}


static char *
display_name_for (const char *path)
{
  return g_strdup (path);
}

static BedsideGuideline *
guideline_load (const char  *data,
                gsize        length,
                const char  *display_name,
                const char  *base_dir,
                GError     **error)
{
  g_autoptr(BedsideGuideline) self = guideline_alloc ();
  Loader loader = { 0 };
  xmlDoc *doc;
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

  self->display_name = g_strdup (display_name ? display_name : "<guideline>");
  loader.base_dir = g_strdup (base_dir);
  loader.guideline = self;
  loader.name = self->display_name;
  loader.errors = g_string_new (NULL);
  loader.first_code = -1;
  loader.current_item = -1;

  if (length == 0)
    bedside_loader_error (&loader, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("the file is empty"));
  else if (length > BEDSIDE_GUIDELINE_MAX_SIZE)
    bedside_loader_error (&loader, 0, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                          _("the file is too large (%s bytes; the limit is %d MiB)"),
                          size_text, BEDSIDE_GUIDELINE_MAX_SIZE / (1024 * 1024));
  else if (bedside_check_encoding (&loader, data, length) &&
           (doc = bedside_parse_xml (&loader, data, length)) != NULL)
    {
      bedside_load_document (&loader, xmlDocGetRootElement (doc));
      /* Our own walk gives the clearer messages; the schema is the
       * second line of defence for anything it did not look at. */
      if (loader.n_errors == 0)
        bedside_validate_schema (&loader, doc);
      xmlFreeDoc (doc);
    }

  if (loader.n_errors > 0)
    {
      if (loader.n_errors > BEDSIDE_GUIDELINE_MAX_ERRORS)
        g_string_append_printf (loader.errors, "\n%s: … and %u more errors", loader.name,
                                loader.n_errors - BEDSIDE_GUIDELINE_MAX_ERRORS);
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, loader.first_code, loader.errors->str);
      bedside_loader_clear (&loader);
      return NULL;
    }
  bedside_loader_clear (&loader);

  self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_steal_pointer (&self);
}

BedsideGuideline *
bedside_guideline_new_from_data (const char  *data,
                                 gsize        length,
                                 const char  *display_name,
                                 GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return guideline_load (data, length, display_name, NULL, error);
}

/* Reads a regular file of at most BEDSIDE_GUIDELINE_MAX_SIZE bytes. */
gboolean
bedside_guideline_read_file (const char  *path,
                             char       **contents,
                             gsize       *length,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!bedside_file_read (path, BEDSIDE_GUIDELINE_MAX_SIZE, BEDSIDE_FILE_READ_REGULAR, contents, length,
                          &local_error))
    {
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR,
                           g_error_matches (local_error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_TOO_LARGE)
                             ? BEDSIDE_GUIDELINE_ERROR_TOO_LARGE : BEDSIDE_GUIDELINE_ERROR_IO,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

BedsideGuideline *
bedside_guideline_new_from_file (const char  *path,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *base_dir = NULL;
  BedsideGuideline *self;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = display_name_for (path);
  if (!bedside_guideline_read_file (path, &contents, &length, error))
    return NULL;
  base_dir = g_path_get_dirname (path);
  self = guideline_load (contents, length, display_name, base_dir, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

/* ---- finding guidelines ---------------------------------------------- */

GStrv
bedside_guideline_dup_search_dirs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *override = g_getenv ("BEDSIDE_GUIDELINES_DIR");
  const char * const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "bedside", "guidelines", NULL);
  g_autofree char *bundled = g_build_filename (BEDSIDE_PKGDATADIR, "guidelines", NULL);

  if (override != NULL && *override != '\0')
    g_strv_builder_add (builder, override);
  g_strv_builder_add (builder, user);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "bedside", "guidelines", NULL);
      if (g_strcmp0 (dir, bundled) != 0)
        g_strv_builder_add (builder, dir);
    }
  g_strv_builder_add (builder, bundled);
  return g_strv_builder_end (builder);
}

char *
bedside_guideline_find (const char  *path_or_id,
                        GError     **error)
{
  g_autoptr(BedsideLibrary) library = NULL;
  BedsideLibraryEntry *entry;

  g_return_val_if_fail (path_or_id != NULL, NULL);

  /* Anything that looks like a path is a path, even if it does not exist:
   * the loader then says why it cannot be read.  Anything else is an id,
   * found by the id attribute, never as a file in the current folder. */
  if (bedside_library_is_path (path_or_id))
    return g_strdup (path_or_id);

  library = bedside_library_new (FALSE);
  entry = bedside_library_lookup (library, path_or_id);
  if (entry != NULL)
    return g_strdup (entry->path);
  g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_NOT_FOUND,
               _("%s: no installed guideline has this id (a file must be named as a path: ./%s.xml)"),
               path_or_id, path_or_id);
  return NULL;
}

/* ---- review dates ---------------------------------------------------- */

gboolean
bedside_review_is_overdue (const char *next_review,
                           const char *date)
{
  g_autofree char *today = NULL;
  gint32 due, on;

  if (next_review == NULL)
    return FALSE;
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = today = g_date_time_format (now, "%Y-%m-%d");
    }
  if (!bedside_parse_iso_date (next_review, &due) || !bedside_parse_iso_date (date, &on))
    return TRUE;
  return on > due;
}

gboolean
bedside_guideline_is_review_overdue (const BedsideGuideline *self,
                                     const char             *date)
{
  return bedside_review_is_overdue (self->next_review, date);
}

/* ---- accessors ------------------------------------------------------- */

const char *bedside_guideline_get_path (const BedsideGuideline *self) { return self->path ? self->path : self->display_name; }
const char *bedside_guideline_get_id (const BedsideGuideline *self) { return self->id; }
const char *bedside_guideline_get_version (const BedsideGuideline *self) { return self->version; }
const char *bedside_guideline_get_title (const BedsideGuideline *self) { return self->title; }
const char *bedside_guideline_get_summary (const BedsideGuideline *self) { return self->summary; }
BedsideReviewStatus bedside_guideline_get_status (const BedsideGuideline *self) { return self->status; }
const char *bedside_guideline_get_review_date (const BedsideGuideline *self) { return self->review_date; }
const char *bedside_guideline_get_next_review (const BedsideGuideline *self) { return self->next_review; }
const char * const *bedside_guideline_get_reviewers (const BedsideGuideline *self) { return (const char * const *) self->reviewers->pdata; }
const char *bedside_guideline_get_audience (const BedsideGuideline *self) { return self->audience; }
const char *bedside_guideline_get_population (const BedsideGuideline *self) { return self->population; }
const char *bedside_guideline_get_disclaimer (const BedsideGuideline *self) { return self->disclaimer; }
const char *bedside_guideline_get_language (const BedsideGuideline *self) { return self->language; }
double bedside_guideline_get_max_grade (const BedsideGuideline *self) { return self->max_grade; }
const char *bedside_guideline_get_sha256 (const BedsideGuideline *self) { return self->sha256; }

guint bedside_guideline_get_n_sections (const BedsideGuideline *self) { return self->sections->len; }
guint bedside_guideline_get_n_items (const BedsideGuideline *self) { return self->items->len; }
guint bedside_guideline_get_n_definitions (const BedsideGuideline *self) { return self->definitions->len; }
guint bedside_guideline_get_n_recommendations (const BedsideGuideline *self) { return self->recommendations->len; }
guint bedside_guideline_get_n_references (const BedsideGuideline *self) { return self->references->len; }
guint bedside_guideline_get_n_medicines (const BedsideGuideline *self) { return self->medicines->len; }
guint bedside_guideline_get_n_medicine_sources (const BedsideGuideline *self) { return self->medicine_sources->len; }

const BedsideMedicine *
bedside_guideline_get_medicine (const BedsideGuideline *self,
                                guint                   index)
{
  g_return_val_if_fail (index < self->medicines->len, NULL);
  return self->medicines->pdata[index];
}

const BedsideMedicine *
bedside_guideline_lookup_medicine (const BedsideGuideline *self,
                                   const char             *id)
{
  return g_hash_table_lookup (self->medicine_ids, id);
}

const BedsideMedicineSource *
bedside_guideline_get_medicine_source (const BedsideGuideline *self,
                                       guint                   index)
{
  g_return_val_if_fail (index < self->medicine_sources->len, NULL);
  return self->medicine_sources->pdata[index];
}
guint bedside_guideline_get_n_branches (const BedsideGuideline *self) { return self->branches->len; }

const BedsideSection *
bedside_guideline_get_section (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->sections->len, NULL);
  return self->sections->pdata[index];
}

const BedsideItem *
bedside_guideline_get_item (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return self->items->pdata[index];
}

const BedsideItem *
bedside_guideline_lookup_item (const BedsideGuideline *self, const char *id)
{
  NameTarget *target = g_hash_table_lookup (self->names, id);
  if (target == NULL || target->is_definition)
    return NULL;
  return self->items->pdata[target->index];
}

const BedsideDefinition *
bedside_guideline_get_definition (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->definitions->len, NULL);
  return self->definitions->pdata[index];
}

BedsideExpr * const *
bedside_guideline_get_definition_exprs (const BedsideGuideline *self)
{
  return (BedsideExpr * const *) self->definition_exprs->pdata;
}

const BedsideRecommendation *
bedside_guideline_get_recommendation (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->recommendations->len, NULL);
  return self->recommendations->pdata[index];
}

const BedsideRecommendation *
bedside_guideline_lookup_recommendation (const BedsideGuideline *self, const char *id)
{
  return g_hash_table_lookup (self->recommendation_ids, id);
}

const BedsideReference *
bedside_guideline_get_reference (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->references->len, NULL);
  return self->references->pdata[index];
}

const BedsideBranch *
bedside_guideline_get_tree (const BedsideGuideline *self)
{
  return self->tree;
}

const BedsideBranch *
bedside_guideline_get_branch (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->branches->len, NULL);
  return self->branches->pdata[index];
}
