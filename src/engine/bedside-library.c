/* bedside-library.c: the guidelines installed for the user, the system and the bundle, found by id. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-library.h"

G_DEFINE_BOXED_TYPE (BedsideLibrary, bedside_library, bedside_library_ref, bedside_library_unref)

struct _BedsideLibrary
{
  gatomicrefcount ref_count;
  GPtrArray *entries;        /* BedsideLibraryEntry * */
  gboolean   only_verified;
};

static void
entry_free (BedsideLibraryEntry *entry)
{
  g_free (entry->path);
  g_clear_pointer (&entry->info, bedside_guideline_info_free);
  g_free (entry->error);
  g_clear_pointer (&entry->guideline, bedside_guideline_unref);
  g_free (entry);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

BedsideLibrary *
bedside_library_new (gboolean only_verified)
{
  BedsideLibrary *self = g_new0 (BedsideLibrary, 1);
  g_auto(GStrv) dirs = bedside_guideline_dup_search_dirs ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_atomic_ref_count_init (&self->ref_count);
  self->only_verified = only_verified;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  for (guint d = 0; dirs != NULL && dirs[d] != NULL; d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GError) error = NULL;
          BedsideLibraryEntry *entry = g_new0 (BedsideLibraryEntry, 1);

          entry->path = g_build_filename (dirs[d], names->pdata[i], NULL);
          if (!g_file_test (entry->path, G_FILE_TEST_IS_REGULAR))
            {
              entry_free (entry);
              continue;
            }
          entry->info = bedside_guideline_peek_metadata (entry->path, &error);
          if (entry->info == NULL)
            entry->error = g_strdup (error->message);
          else if (g_hash_table_contains (ids, entry->info->id))
            {
              /* A more specific folder has this guideline already. */
              entry_free (entry);
              continue;
            }
          else
            g_hash_table_add (ids, entry->info->id);
          g_ptr_array_add (self->entries, entry);
        }
    }
  return self;
}

BedsideLibrary *
bedside_library_ref (BedsideLibrary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_library_unref (BedsideLibrary *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->entries);
  g_free (self);
}

gboolean
bedside_library_get_only_verified (const BedsideLibrary *self)
{
  return self->only_verified;
}

void
bedside_library_set_only_verified (BedsideLibrary *self,
                                   gboolean        only_verified)
{
  self->only_verified = !!only_verified;
}

guint
bedside_library_get_n_entries (const BedsideLibrary *self)
{
  return self->entries->len;
}

BedsideLibraryEntry *
bedside_library_get_entry (BedsideLibrary *self,
                           guint           index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return self->entries->pdata[index];
}

/* The one wording, for the app's library and every command. */
static void
set_not_verified (GError     **error,
                  const char  *path)
{
  g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_MISMATCH,
               _("%s: not verified: the SHA256SUMS list in its folder does not name this file, "
               "and only verified guidelines may be used"), path);
}

/* Loads @path, refusing it when the clinic's list names it with another
 * checksum, or (with @only_verified) does not name it. */
static BedsideGuideline *
load_checked (const char              *path,
              gboolean                 only_verified,
              BedsideIntegrityStatus  *status,
              GError                 **error)
{
  BedsideIntegrityStatus local_status = BEDSIDE_INTEGRITY_UNVERIFIED;
  g_autoptr(BedsideGuideline) guideline = bedside_guideline_new_verified (path, &local_status, error);

  if (guideline == NULL)
    return NULL;
  if (only_verified && local_status != BEDSIDE_INTEGRITY_VERIFIED)
    {
      set_not_verified (error, path);
      return NULL;
    }
  if (status != NULL)
    *status = local_status;
  return g_steal_pointer (&guideline);
}

BedsideGuideline *
bedside_library_load_entry (BedsideLibrary       *self,
                            BedsideLibraryEntry  *entry,
                            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  BedsideIntegrityStatus status = BEDSIDE_INTEGRITY_UNVERIFIED;

  g_return_val_if_fail (self != NULL && entry != NULL, NULL);

  if (entry->guideline == NULL && entry->error == NULL)
    {
      entry->guideline = load_checked (entry->path, self->only_verified, &status, &local_error);
      if (entry->guideline == NULL)
        entry->error = g_strdup (local_error->message);
      entry->verified = status == BEDSIDE_INTEGRITY_VERIFIED;
    }
  else if (entry->guideline != NULL && self->only_verified && !entry->verified)
    {
      /* The setting changed since it was loaded. */
      set_not_verified (error, entry->path);
      return NULL;
    }
  if (entry->guideline == NULL)
    g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO, entry->error);
  return entry->guideline;
}

BedsideLibraryEntry *
bedside_library_lookup (BedsideLibrary *self,
                        const char     *id)
{
  g_return_val_if_fail (self != NULL && id != NULL, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      BedsideLibraryEntry *entry = self->entries->pdata[i];

      if (entry->info != NULL && g_str_equal (entry->info->id, id))
        return entry;
    }
  return NULL;
}

gboolean
bedside_library_is_path (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return strchr (text, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (text, ".xml");
}

BedsideGuideline *
bedside_library_load (const char              *path_or_id,
                      gboolean                 only_verified,
                      BedsideIntegrityStatus  *status,
                      GError                 **error)
{
  g_autoptr(BedsideLibrary) library = NULL;
  BedsideLibraryEntry *entry;
  BedsideGuideline *guideline;

  g_return_val_if_fail (path_or_id != NULL, NULL);

  if (bedside_library_is_path (path_or_id))
    return load_checked (path_or_id, only_verified, status, error);

  library = bedside_library_new (only_verified);
  entry = bedside_library_lookup (library, path_or_id);
  if (entry == NULL)
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_NOT_FOUND,
                   _("%s: no installed guideline has this id (a file must be named as a path: "
                   "./%s.xml)"), path_or_id, path_or_id);
      return NULL;
    }
  guideline = bedside_library_load_entry (library, entry, error);
  if (guideline != NULL && status != NULL)
    *status = entry->verified ? BEDSIDE_INTEGRITY_VERIFIED : BEDSIDE_INTEGRITY_UNVERIFIED;
  return guideline != NULL ? bedside_guideline_ref (guideline) : NULL;
}
