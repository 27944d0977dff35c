/* bedside-integrity.c: checks guideline files against the clinic's SHA256SUMS list in their folder. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "bedside-file.h"
#include "bedside-integrity.h"

G_DEFINE_QUARK (bedside-integrity-error-quark, bedside_integrity_error)

#define SHA256_HEX_LENGTH 64

const char *
bedside_integrity_status_to_string (BedsideIntegrityStatus status)
{
  return status == BEDSIDE_INTEGRITY_VERIFIED ? "verified" : "unverified";
}

static gboolean
is_sha256_hex (const char *text,
               gsize       length)
{
  if (length != SHA256_HEX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Splits one line into its checksum and file name (both pointing into
 * @line, which is modified).  FALSE when it is not a checksum line. */
/* sha256sum writes a name that holds a backslash, a newline or a carriage
 * return escaped ("\\", "\n", "\r") and marks the line with a leading
 * backslash.  Undoes that in place; FALSE for any other escape. */
static gboolean
unescape_name (char *name)
{
  char *out = name;

  for (const char *in = name; *in != '\0'; in++)
    {
      if (*in != '\\')
        {
          *out++ = *in;
          continue;
        }
      in++;
      if (*in == '\\')
        *out++ = '\\';
      else if (*in == 'n')
        *out++ = '\n';
      else if (*in == 'r')
        *out++ = '\r';
      else
        return FALSE;
    }
  *out = '\0';
  return TRUE;
}

static gboolean parse_plain_line (char *line, char **hex, char **name);

static gboolean
parse_line (char  *line,
            char **hex,
            char **name)
{
  if (line[0] == '\\')
    return parse_plain_line (line + 1, hex, name) && unescape_name (*name);
  return parse_plain_line (line, hex, name);
}

static gboolean
parse_plain_line (char  *line,
                  char **hex,
                  char **name)
{
  gsize length = strlen (line);

  /* sha256sum: "HEX  NAME" or "HEX *NAME". */
  if (length > SHA256_HEX_LENGTH + 2 && line[SHA256_HEX_LENGTH] == ' ' &&
      (line[SHA256_HEX_LENGTH + 1] == ' ' || line[SHA256_HEX_LENGTH + 1] == '*') &&
      is_sha256_hex (line, SHA256_HEX_LENGTH))
    {
      line[SHA256_HEX_LENGTH] = '\0';
      *hex = line;
      *name = line + SHA256_HEX_LENGTH + 2;
      return TRUE;
    }

  /* BSD and `sha256sum --tag`: "SHA256 (NAME) = HEX". */
  if (g_str_has_prefix (line, "SHA256 (") &&
      length >= strlen ("SHA256 (") + 1 + strlen (") = ") + SHA256_HEX_LENGTH)
    {
      char *end = line + length - SHA256_HEX_LENGTH;

      if (is_sha256_hex (end, SHA256_HEX_LENGTH) && strncmp (end - 4, ") = ", 4) == 0)
        {
          end[-4] = '\0';
          *name = line + strlen ("SHA256 (");
          *hex = end;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether @listed (a name as the list writes it) is the file @base of the
 * list's own folder. */
static gboolean
names_file (const char *listed,
            const char *base)
{
  while (g_str_has_prefix (listed, "./"))
    listed += 2;
  return g_str_equal (listed, base);
}

gboolean
bedside_integrity_check (const char              *path,
                         const char              *sha256,
                         BedsideIntegrityStatus  *status,
                         char                   **list_path,
                         GError                 **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *list = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) lines = NULL;
  char *found_hex = NULL;
  guint found_line = 0;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  *status = BEDSIDE_INTEGRITY_UNVERIFIED;
  if (list_path != NULL)
    *list_path = NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  list = g_build_filename (dir, BEDSIDE_INTEGRITY_LIST_NAME, NULL);

  if (!bedside_file_read (list, BEDSIDE_INTEGRITY_LIST_MAX_SIZE, BEDSIDE_FILE_READ_REGULAR,
                          &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_FOUND))
        return TRUE;   /* the clinic keeps no list here */
      g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST,
                   _("%s: the checksum list cannot be used: %s"), path, local_error->message);
      return FALSE;
    }
  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST,
                   _("%s: the checksum list %s contains a NUL byte"), path, list);
      return FALSE;
    }

  if (length >= 3 && memcmp (contents, "\xef\xbb\xbf", 3) == 0)
    {
      g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST,
                   _("%s: %s:1: the list starts with a byte-order mark, which sha256sum never writes; "
                   "save it again without one"), path, list);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      char *hex, *name;

      if (n > 0 && line[n - 1] == '\r')
        line[--n] = '\0';
      if (*g_strchug (line) == '\0' || line[0] == '#')
        continue;
      if (!parse_line (line, &hex, &name))
        {
          g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST,
                       _("%s: %s:%u: not a checksum line (expected the output of sha256sum or "
                       "sha256sum --tag: the checksum, two spaces or a space and '*', the file name)"),
                       path, list, i + 1);
          return FALSE;
        }
      if (!names_file (name, base))
        continue;
      if (found_hex != NULL && g_ascii_strcasecmp (found_hex, hex) != 0)
        {
          g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST,
                       _("%s: %s:%u: the file is listed twice, with different checksums (also at line %u)"),
                       path, list, i + 1, found_line);
          return FALSE;
        }
      found_hex = hex;
      found_line = i + 1;
    }

  if (found_hex == NULL)
    return TRUE;   /* the list does not vouch for this file */

  if (g_ascii_strcasecmp (found_hex, sha256) != 0)
    {
      g_set_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_MISMATCH,
                   _("%s: the file does not match its checksum in %s:%u "
                   "(listed %.12s…, the file is %.12s…): it has changed since the list was made; "
                   "refused until it is reviewed and the list updated"),
                   path, list, found_line, found_hex, sha256);
      return FALSE;
    }

  *status = BEDSIDE_INTEGRITY_VERIFIED;
  if (list_path != NULL)
    *list_path = g_steal_pointer (&list);
  return TRUE;
}

gboolean
bedside_integrity_check_guideline (const BedsideGuideline  *guideline,
                                   BedsideIntegrityStatus  *status,
                                   GError                 **error)
{
  const char *path;

  g_return_val_if_fail (guideline != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  /* get_path falls back to the display name for a guideline from memory;
   * only a file read from disk has a folder to look in. */
  path = bedside_guideline_get_path (guideline);
  if (path == NULL || bedside_guideline_get_sha256 (guideline) == NULL ||
      !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      *status = BEDSIDE_INTEGRITY_UNVERIFIED;
      return TRUE;
    }
  return bedside_integrity_check (path, bedside_guideline_get_sha256 (guideline), status, NULL, error);
}

gboolean
bedside_integrity_check_file (const char              *path,
                              BedsideIntegrityStatus  *status,
                              GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  *status = BEDSIDE_INTEGRITY_UNVERIFIED;
  if (!bedside_file_read (path, BEDSIDE_GUIDELINE_MAX_SIZE, BEDSIDE_FILE_READ_REGULAR, &contents, &length,
                          &local_error))
    {
      g_set_error_literal (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_IO, local_error->message);
      return FALSE;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return bedside_integrity_check (path, sha256, status, NULL, error);
}

BedsideGuideline *
bedside_guideline_new_verified (const char              *path,
                                BedsideIntegrityStatus  *status,
                                GError                 **error)
{
  g_autoptr(BedsideGuideline) guideline = NULL;
  BedsideIntegrityStatus local_status;

  g_return_val_if_fail (path != NULL, NULL);

  guideline = bedside_guideline_new_from_file (path, error);
  if (guideline == NULL)
    return NULL;
  if (!bedside_integrity_check_guideline (guideline, &local_status, error))
    return NULL;
  if (status != NULL)
    *status = local_status;
  return g_steal_pointer (&guideline);
}
