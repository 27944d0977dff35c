/* bedside-replace-stream.c: the one safe writer for every file Bedside writes.
 *
 * Consultations, exported PDFs and every bedside-cli -o output go through
 * here.  The destination is looked at with lstat, never followed: only a
 * regular file is replaced, so -o cannot turn a device node, a FIFO or a
 * symbolic link into a plain file (as root, -o /dev/null would have
 * replaced the device).  The text goes to a temporary file beside it,
 * flushed, then renamed over it: a crash leaves the old file or the new
 * one.  Temporary files are named ".NAME.bedside-XXXXXX" so that the
 * clean-up of those a kill -9 left behind (holding a patient's name) only
 * ever touches Bedside's own. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bedside-file.h"
#include "bedside-replace-stream.h"

struct _BedsideReplaceStream
{
  GOutputStream  parent_instance;
  char          *path;
  char          *temp_path;
  int            fd;
  gboolean       abandoned;   /* dropped without a close: keep nothing */
};

G_DEFINE_FINAL_TYPE (BedsideReplaceStream, bedside_replace_stream, G_TYPE_OUTPUT_STREAM)

/* ---- what may be replaced ---------------------------------------------- */

gboolean
bedside_file_check_replaceable (const char  *path,
                                GError     **error)
{
  struct stat st;
  const char *what;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;   /* a new file */
      g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_IO,
                   _("%s: cannot write the file: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (S_ISREG (st.st_mode))
    return TRUE;

  if (S_ISLNK (st.st_mode))
    what = "is a symbolic link";
  else if (S_ISDIR (st.st_mode))
    what = "is a folder";
  else if (S_ISFIFO (st.st_mode))
    what = "is a FIFO";
  else if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
    what = "is a device";
  else
    what = "is not a regular file";
  g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REPLACEABLE,
               _("%s: %s; Bedside writes only to a regular file or a new one, and leaves this as it is"),
               path, what);
  return FALSE;
}

/* ---- stale temporary files --------------------------------------------- */

/* ".NAME.bedside-XXXXXX", XXXXXX as g_mkstemp makes it. */
static gboolean
is_bedside_temp_name (const char *name)
{
  gsize length = strlen (name);
  gsize infix = strlen (BEDSIDE_TEMP_INFIX);
  const char *suffix;

  if (name[0] != '.' || length < 1 + 1 + infix + 6)
    return FALSE;
  suffix = name + length - 6;
  if (strncmp (suffix - infix, BEDSIDE_TEMP_INFIX, infix) != 0)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (suffix[i]))
      return FALSE;
  return TRUE;
}

guint
bedside_file_remove_stale_temporaries (const char *dir)
{
  g_autoptr(GDir) folder = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, 0);

  folder = g_dir_open (dir, 0, NULL);
  if (folder == NULL)
    return 0;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!is_bedside_temp_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      /* Only a plain file of ours, old enough that no save is writing it. */
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != geteuid () ||
          now - (gint64) st.st_mtime < BEDSIDE_STALE_TEMP_SECONDS)
        continue;
      if (g_unlink (path) == 0)
        removed++;
    }
  return removed;
}

/* ---- the stream --------------------------------------------------------- */

static gssize
bedside_replace_stream_write_fn (GOutputStream  *stream,
                                 const void     *buffer,
                                 gsize           count,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  BedsideReplaceStream *self = BEDSIDE_REPLACE_STREAM (stream);
  gssize written;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  do
    written = write (self->fd, buffer, MIN (count, (gsize) G_MAXSSIZE));
  while (written < 0 && errno == EINTR);
  if (written < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot write the file: %s"), self->path, g_strerror (saved));
      return -1;
    }
  return written;
}

static void
discard (BedsideReplaceStream *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temp_path != NULL)
    {
      g_unlink (self->temp_path);
      g_clear_pointer (&self->temp_path, g_free);
    }
}

static gboolean
bedside_replace_stream_close_fn (GOutputStream  *stream,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  BedsideReplaceStream *self = BEDSIDE_REPLACE_STREAM (stream);
  g_autofree char *dir = NULL;
  int saved = 0;
  int fd;

  /* Cancelled, or dropped unclosed: the caller abandons what it wrote. */
  if (self->abandoned)
    {
      discard (self);
      return TRUE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      discard (self);
      return FALSE;
    }

  if (fsync (self->fd) != 0)
    saved = errno;
  if (close (self->fd) != 0 && saved == 0)
    saved = errno;
  self->fd = -1;
  if (saved != 0)
    {
      discard (self);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot write the file: %s"), self->path, g_strerror (saved));
      return FALSE;
    }

  /* The destination may have changed while we wrote: look again. */
  if (!bedside_file_check_replaceable (self->path, error))
    {
      discard (self);
      return FALSE;
    }
  if (g_rename (self->temp_path, self->path) != 0)
    {
      saved = errno;
      discard (self);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot replace the file: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);

  /* So that the rename itself survives a crash; not every file system
   * can flush a folder, and the file is safe either way. */
  dir = g_path_get_dirname (self->path);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

static void
bedside_replace_stream_dispose (GObject *object)
{
  BedsideReplaceStream *self = BEDSIDE_REPLACE_STREAM (object);

  /* GOutputStream closes an unclosed stream here, which would rename half
   * an output into place: a stream nobody closed is abandoned instead. */
  if (!g_output_stream_is_closed (G_OUTPUT_STREAM (self)))
    self->abandoned = TRUE;

  G_OBJECT_CLASS (bedside_replace_stream_parent_class)->dispose (object);
}

static void
bedside_replace_stream_finalize (GObject *object)
{
  BedsideReplaceStream *self = BEDSIDE_REPLACE_STREAM (object);

  /* Anything left here failed part-way and is not kept. */
  discard (self);
  g_free (self->path);

  G_OBJECT_CLASS (bedside_replace_stream_parent_class)->finalize (object);
}

static void
bedside_replace_stream_class_init (BedsideReplaceStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->dispose = bedside_replace_stream_dispose;
  object_class->finalize = bedside_replace_stream_finalize;
  stream_class->write_fn = bedside_replace_stream_write_fn;
  stream_class->close_fn = bedside_replace_stream_close_fn;
}

static void
bedside_replace_stream_init (BedsideReplaceStream *self)
{
  self->fd = -1;
}

GOutputStream *
bedside_replace_stream_new (const char  *path,
                            GError     **error)
{
  g_autoptr(BedsideReplaceStream) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bedside_file_check_replaceable (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  bedside_file_remove_stale_temporaries (dir);

  self = g_object_new (BEDSIDE_TYPE_REPLACE_STREAM, NULL);
  self->path = g_strdup (path);
  template = g_strdup_printf (".%s" BEDSIDE_TEMP_INFIX "XXXXXX", base);
  self->temp_path = g_build_filename (dir, template, NULL);
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->temp_path, g_free);
      g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_IO,
                   _("%s: cannot write in the folder %s: %s"), path, dir, g_strerror (saved));
      return NULL;
    }
  return G_OUTPUT_STREAM (g_steal_pointer (&self));
}

gboolean
bedside_file_replace_contents (const char  *path,
                               const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(GOutputStream) stream = bedside_replace_stream_new (path, error);

  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (stream, abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (stream, NULL, error);
}
