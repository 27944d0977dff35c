/* bedside-file.c: the one bounded reader for every file Bedside reads.
 *
 * Guidelines, answers, consultations, batches, vignettes, SHA256SUMS and
 * translations all come through here, so one set of checks holds for all
 * of them: a FIFO with no writer never blocks the open (O_NONBLOCK, then
 * fstat on what was opened, not on a name that may have changed), only a
 * regular file is read unless the caller asked for standard input, and no
 * more than the limit is read whatever st_size says (0 for a device or a
 * pipe: /dev/zero fails at the limit, in bounded memory). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bedside-file.h"

G_DEFINE_QUARK (bedside-file-error-quark, bedside_file_error)

#define READ_CHUNK_SIZE (64 * 1024)

char *
bedside_file_format_limit (gsize limit)
{
  if (limit >= 1024 * 1024 && limit % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " MiB", limit / (1024 * 1024));
  if (limit >= 1024 && limit % 1024 == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " KiB", limit / 1024);
  return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", limit);
}

static void
set_errno_error (GError     **error,
                 const char  *name,
                 int          saved_errno)
{
  g_set_error (error, BEDSIDE_FILE_ERROR,
               saved_errno == ENOENT ? BEDSIDE_FILE_ERROR_NOT_FOUND : BEDSIDE_FILE_ERROR_IO,
               _("%s: cannot read the file: %s"), name, g_strerror (saved_errno));
}

static void
set_too_large (GError     **error,
               const char  *name,
               gsize        limit)
{
  g_autofree char *shown = bedside_file_format_limit (limit);

  g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_TOO_LARGE,
               _("%s: the file is too large (the limit is %s)"), name, shown);
}

int
bedside_file_open (const char            *path,
                   BedsideFileReadFlags   flags,
                   GError               **error)
{
  struct stat st;
  int fd;
  int fd_flags;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* A descriptor of its own, so that every caller closes what it gets. */
  if ((flags & BEDSIDE_FILE_READ_STDIN) && g_str_equal (path, "-"))
    {
      fd = fcntl (STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
      if (fd < 0)
        set_errno_error (error, path, errno);
      return fd;
    }

  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      set_errno_error (error, path, saved);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR,
                     _("%s: is a folder, not a file"), path);
      else
        g_set_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR,
                     _("%s: is not a regular file%s"), path,
                     (flags & BEDSIDE_FILE_READ_STDIN) ? " (give - to read standard input)" : "");
      return -1;
    }
  /* Regular files never block; the flag only guarded the open. */
  fd_flags = fcntl (fd, F_GETFL);
  if (fd_flags < 0 || fcntl (fd, F_SETFL, fd_flags & ~O_NONBLOCK) != 0)
    {
      int saved = errno;
      close (fd);
      set_errno_error (error, path, saved);
      return -1;
    }
  return fd;
}

/* read(), retried on EINTR, and waited for when standard input was left
 * non-blocking by whoever started us. */
static gssize
read_some (int    fd,
           char  *buffer,
           gsize  size)
{
  for (;;)
    {
      gssize n = read (fd, buffer, size);

      if (n >= 0 || errno == EINTR)
        {
          if (n >= 0)
            return n;
          continue;
        }
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        {
          struct pollfd pfd = { .fd = fd, .events = POLLIN };
          poll (&pfd, 1, -1);
          continue;
        }
      return -1;
    }
}

gboolean
bedside_file_read_fd (int          fd,
                      const char  *name,
                      gsize        limit,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  struct stat st;
  gsize capacity = READ_CHUNK_SIZE;
  gsize total = 0;
  char *buffer;

  g_return_val_if_fail (contents != NULL, FALSE);

  /* st_size is only a hint for the first allocation: never trusted. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
    capacity = (gsize) MIN ((guint64) st.st_size, (guint64) limit) + 1;
  buffer = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n;

      if (total == capacity)
        {
          capacity = MIN (capacity * 2, limit + 1);
          buffer = g_realloc (buffer, capacity + 1);
        }
      /* At most one byte past the limit: enough to know it is exceeded. */
      n = read_some (fd, buffer + total, MIN (capacity, limit + 1) - total);
      if (n < 0)
        {
          int saved = errno;
          g_free (buffer);
          set_errno_error (error, name, saved);
          return FALSE;
        }
      if (n == 0)
        break;
      total += (gsize) n;
      if (total > limit)
        {
          g_free (buffer);
          set_too_large (error, name, limit);
          return FALSE;
        }
    }

  buffer[total] = '\0';
  *contents = buffer;
  if (length != NULL)
    *length = total;
  return TRUE;
}

gboolean
bedside_file_read (const char            *path,
                   gsize                  limit,
                   BedsideFileReadFlags   flags,
                   char                 **contents,
                   gsize                 *length,
                   GError               **error)
{
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  *contents = NULL;
  fd = bedside_file_open (path, flags, error);
  if (fd < 0)
    return FALSE;
  ok = bedside_file_read_fd (fd, path, limit, contents, length, error);
  close (fd);
  return ok;
}

/* ---- line by line ------------------------------------------------------ */

struct _BedsideLineReader
{
  char  *name;
  int    fd;
  gsize  max_line;
  char  *buffer;
  gsize  capacity;
  gsize  start;      /* the next line starts here */
  gsize  end;        /* bytes read so far end here */
  gboolean at_eof;
  gboolean too_long;  /* a line was too long: nothing after it is read */
};

BedsideLineReader *
bedside_line_reader_new (const char            *path,
                         BedsideFileReadFlags   flags,
                         gsize                  max_line,
                         GError               **error)
{
  BedsideLineReader *self;
  int fd = bedside_file_open (path, flags, error);

  if (fd < 0)
    return NULL;
  self = g_new0 (BedsideLineReader, 1);
  self->name = g_strdup (path);
  self->fd = fd;
  self->max_line = max_line;
  self->capacity = MAX (256 * 1024, MIN (max_line + 2, 1024 * 1024));
  self->buffer = g_malloc (self->capacity + 1);
  return self;
}

void
bedside_line_reader_free (BedsideLineReader *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->name);
  g_free (self->buffer);
  g_free (self);
}

/* More bytes after the unread ones; FALSE at the end or on error. */
static gboolean
fill (BedsideLineReader  *self,
      GError            **error)
{
  gssize n;

  if (self->at_eof)
    return FALSE;
  if (self->start > 0)
    {
      memmove (self->buffer, self->buffer + self->start, self->end - self->start);
      self->end -= self->start;
      self->start = 0;
    }
  if (self->end == self->capacity)
    {
      /* Only ever up to one line and a chunk: max_line bounds it. */
      self->capacity = MIN (self->capacity * 2, self->max_line + READ_CHUNK_SIZE + 2);
      self->buffer = g_realloc (self->buffer, self->capacity + 1);
    }
  n = read_some (self->fd, self->buffer + self->end, self->capacity - self->end);
  if (n < 0)
    {
      set_errno_error (error, self->name, errno);
      return FALSE;
    }
  if (n == 0)
    {
      self->at_eof = TRUE;
      return FALSE;
    }
  self->end += (gsize) n;
  return TRUE;
}

gboolean
bedside_line_reader_next (BedsideLineReader  *self,
                          const char        **line,
                          gsize              *length,
                          gboolean           *too_long,
                          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize scanned = 0;   /* bytes of the current line known to hold no newline */

  *too_long = FALSE;
  if (self->too_long)
    return FALSE;
  for (;;)
    {
      char *begin = self->buffer + self->start;
      char *newline = memchr (begin + scanned, '\n', self->end - self->start - scanned);
      gsize n;

      if (newline == NULL)
        {
          scanned = self->end - self->start;
          /* Past the limit with no end in sight: finding the end could
           * mean reading for ever (/dev/zero), so the reading stops here. */
          if (scanned > self->max_line)
            {
              self->too_long = TRUE;
              *too_long = TRUE;
              *line = "";
              *length = 0;
              return TRUE;
            }
          if (fill (self, &local_error))
            continue;
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* The end: the last line may lack its newline. */
          begin = self->buffer + self->start;
          n = self->end - self->start;
          if (n == 0)
            return FALSE;
          self->start = self->end;
        }
      else
        {
          n = (gsize) (newline - begin);
          self->start += n + 1;
          if (n > self->max_line)
            {
              self->too_long = TRUE;
              *too_long = TRUE;
              *line = "";
              *length = 0;
              return TRUE;
            }
        }

      if (n > 0 && begin[n - 1] == '\r')
        n--;
      begin[n] = '\0';
      *line = begin;
      *length = n;
      return TRUE;
    }
}
