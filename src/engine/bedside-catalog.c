/* bedside-catalog.c: Bedside's own message catalog (.mo) for one language, read without the C locale.
 *
 * The interface follows the system locale through gettext as usual.  A
 * printed handout has a language of its own (a Spanish handout from an
 * English interface), and gettext can only switch languages for the whole
 * process, through the environment and the C locale: not safe while GTK's
 * threads run, and not possible where only the C locale is installed.  So
 * the handout's fixed strings are looked up here, in the same .mo files the
 * interface uses.  Format: GNU gettext manual, "The Format of GNU MO Files". */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-catalog.h"
#include "bedside-file.h"

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
/* Bedside's catalogs are a few hundred kilobytes; anything much larger is
 * not one of ours. */
#define MO_MAX_SIZE      (16 * 1024 * 1024)
/* Separates a message's context from its msgid in a .mo file. */
#define MO_CONTEXT_GLUE  "\004"

G_DEFINE_QUARK (bedside-catalog-error-quark, bedside_catalog_error)

struct _BedsideCatalog {
  char       *path;
  GBytes     *bytes;
  GHashTable *messages;   /* msgid → msgstr, both pointing into bytes */
};

const char *
bedside_get_locale_dir (void)
{
  const char *dir = g_getenv ("BEDSIDE_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/* language[_TERRITORY][.codeset][@modifier], with '-' allowed for '_'. */
gboolean
bedside_language_is_valid (const char *language)
{
  const char *p = language;
  gsize n;

  if (language == NULL)
    return FALSE;

  for (n = 0; g_ascii_isalpha (p[n]); n++)
    ;
  if (n < 2 || n > 3)
    return FALSE;
  p += n;

  while (*p == '_' || *p == '-')
    {
      p++;
      for (n = 0; g_ascii_isalnum (p[n]); n++)
        ;
      if (n < 2 || n > 8)
        return FALSE;
      p += n;
    }

  if (*p == '.')
    {
      p++;
      for (n = 0; g_ascii_isalnum (p[n]) || p[n] == '-'; n++)
        ;
      if (n == 0 || n > 16)
        return FALSE;
      p += n;
    }

  if (*p == '@')
    {
      p++;
      for (n = 0; g_ascii_isalnum (p[n]); n++)
        ;
      if (n == 0 || n > 16)
        return FALSE;
      p += n;
    }

  return *p == '\0';
}

GStrv
bedside_language_dup_variants (const char *language)
{
  g_autofree char *normal = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) variants = NULL;

  g_return_val_if_fail (bedside_language_is_valid (language), NULL);

  normal = g_strdup (language);
  g_strdelimit (normal, "-", '_');
  variants = g_get_locale_variants (normal);

  /* Folders are named without a codeset: es_MX, not es_MX.UTF-8. */
  for (guint i = 0; variants[i] != NULL; i++)
    {
      if (strchr (variants[i], '.') != NULL || g_hash_table_contains (seen, variants[i]))
        continue;
      g_hash_table_add (seen, variants[i]);
      g_strv_builder_add (builder, variants[i]);
    }
  return g_strv_builder_end (builder);
}

gboolean
bedside_language_matches (const char *a,
                          const char *b)
{
  gsize na, nb;

  if (a == NULL || b == NULL)
    return FALSE;
  na = strcspn (a, "-_.@");
  nb = strcspn (b, "-_.@");
  return na == nb && g_ascii_strncasecmp (a, b, na) == 0;
}

static guint32
read_word (const guint8 *data,
           gsize         offset,
           gboolean      swapped)
{
  guint32 word;

  memcpy (&word, data + offset, sizeof word);
  return swapped ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The string at table entry @index: its length and offset are checked
 * against the file, and it must end with the NUL the format promises. */
static const char *
read_string (const guint8 *data,
             gsize         size,
             guint32       table,
             guint32       index,
             gboolean      swapped)
{
  guint64 entry = (guint64) table + (guint64) index * 8;
  guint32 length, offset;

  if (entry + 8 > size)
    return NULL;
  length = read_word (data, (gsize) entry, swapped);
  offset = read_word (data, (gsize) entry + 4, swapped);
  if ((guint64) offset + length + 1 > size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

BedsideCatalog *
bedside_catalog_new_from_file (const char  *path,
                               GError     **error)
{
  g_autoptr(BedsideCatalog) self = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize size = 0;
  const guint8 *data;
  guint32 magic, n_strings, originals, translations;
  gboolean swapped;

  g_return_val_if_fail (path != NULL, NULL);

  if (!bedside_file_read (path, MO_MAX_SIZE, BEDSIDE_FILE_READ_REGULAR, &contents, &size, &local_error))
    {
      g_set_error_literal (error, BEDSIDE_CATALOG_ERROR,
                           g_error_matches (local_error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_FOUND)
                             ? BEDSIDE_CATALOG_ERROR_NOT_FOUND : BEDSIDE_CATALOG_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }

  self = g_new0 (BedsideCatalog, 1);
  self->path = g_strdup (path);
  self->bytes = g_bytes_new_take (contents, size);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  data = (const guint8 *) contents;

  if (size < 20 || size > MO_MAX_SIZE)
    goto invalid;
  magic = read_word (data, 0, FALSE);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    goto invalid;
  swapped = magic == MO_MAGIC_SWAPPED;
  /* Revision: major 0 or 1 (1 adds system-dependent strings, which the
   * tables below still describe correctly for the ordinary ones). */
  if ((read_word (data, 4, swapped) >> 16) > 1)
    goto invalid;
  n_strings = read_word (data, 8, swapped);
  originals = read_word (data, 12, swapped);
  translations = read_word (data, 16, swapped);

  for (guint32 i = 0; i < n_strings; i++)
    {
      const char *msgid = read_string (data, size, originals, i, swapped);
      const char *msgstr = read_string (data, size, translations, i, swapped);

      if (msgid == NULL || msgstr == NULL)
        goto invalid;
      /* The header (msgid "") is metadata, and an empty translation is no
       * translation. */
      if (*msgid == '\0' || *msgstr == '\0')
        continue;
      g_hash_table_insert (self->messages, (gpointer) msgid, (gpointer) msgstr);
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_INVALID,
               _("%s: not a valid message catalog (.mo file)"), path);
  return NULL;
}

BedsideCatalog *
bedside_catalog_new_for_language (const char  *domain,
                                  const char  *language,
                                  GError     **error)
{
  g_auto(GStrv) variants = NULL;
  g_autofree char *mo_name = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  if (!bedside_language_is_valid (language))
    {
      g_set_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_NOT_FOUND,
                   _("'%s' is not a language code"), language != NULL ? language : "(null)");
      return NULL;
    }

  mo_name = g_strconcat (domain, ".mo", NULL);
  variants = bedside_language_dup_variants (language);
  for (guint i = 0; variants[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (bedside_get_locale_dir (), variants[i],
                                                "LC_MESSAGES", mo_name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return bedside_catalog_new_from_file (path, error);
    }

  g_set_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_NOT_FOUND,
               _("no '%s' catalog for the language '%s' in %s"),
               domain, language, bedside_get_locale_dir ());
  return NULL;
}

void
bedside_catalog_free (BedsideCatalog *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->path);
  g_free (self);
}

const char *
bedside_catalog_get_path (const BedsideCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
bedside_catalog_lookup (const BedsideCatalog *self,
                        const char           *msgid)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  return g_hash_table_lookup (self->messages, msgid);
}

const char *
bedside_catalog_lookup_context (const BedsideCatalog *self,
                                const char           *context,
                                const char           *msgid)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  key = g_strconcat (context, MO_CONTEXT_GLUE, msgid, NULL);
  return g_hash_table_lookup (self->messages, key);
}

const char *
bedside_catalog_gettext (const BedsideCatalog *self,
                         const char           *msgid)
{
  const char *msgstr;

  if (self == NULL || msgid == NULL)
    return msgid;
  msgstr = g_hash_table_lookup (self->messages, msgid);
  return msgstr != NULL ? msgstr : msgid;
}
