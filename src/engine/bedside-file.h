/* bedside-file.h: the one bounded reader for every file Bedside reads. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BEDSIDE_FILE_ERROR (bedside_file_error_quark ())

typedef enum {
  BEDSIDE_FILE_ERROR_NOT_FOUND,    /* no such file */
  BEDSIDE_FILE_ERROR_NOT_REGULAR,  /* a folder, a device, a FIFO, a socket */
  BEDSIDE_FILE_ERROR_TOO_LARGE,    /* more than the caller's limit */
  BEDSIDE_FILE_ERROR_IO,           /* cannot be opened, read or written */
  BEDSIDE_FILE_ERROR_NOT_REPLACEABLE, /* an output that is not a regular file */
} BedsideFileError;

GQuark bedside_file_error_quark (void);

typedef enum {
  BEDSIDE_FILE_READ_REGULAR = 0,       /* a regular file, nothing else */
  BEDSIDE_FILE_READ_STDIN   = 1 << 0,  /* "-" is standard input, whatever it is */
} BedsideFileReadFlags;

/* Opens @path for reading without ever blocking on it (a FIFO with no
 * writer), and checks it is a regular file (or "-" with
 * BEDSIDE_FILE_READ_STDIN: a new descriptor for standard input).  Returns
 * a blocking descriptor to close, or -1 with @error set:
 * "PATH: cannot read the file: why", "PATH: is a folder, not a file",
 * "PATH: is not a regular file". */
int       bedside_file_open          (const char            *path,
                                      BedsideFileReadFlags   flags,
                                      GError               **error);

/* Reads the whole of @path, at most @limit bytes whatever the file says
 * its size is (a device, a growing file): more is "PATH: the file is too
 * large (the limit is N MiB)".  @contents ends with a NUL not counted in
 * @length (transfer full). */
gboolean  bedside_file_read          (const char            *path,
                                      gsize                  limit,
                                      BedsideFileReadFlags   flags,
                                      char                 **contents,
                                      gsize                 *length,
                                      GError               **error);

/* The same for an open descriptor (not closed); @name is for messages. */
gboolean  bedside_file_read_fd       (int                    fd,
                                      const char            *name,
                                      gsize                  limit,
                                      char                 **contents,
                                      gsize                 *length,
                                      GError               **error);

/* A file read line by line in bounded memory: a batch may be far larger
 * than memory, or come from a pipe. */
typedef struct _BedsideLineReader BedsideLineReader;

BedsideLineReader *bedside_line_reader_new  (const char            *path,
                                             BedsideFileReadFlags   flags,
                                             gsize                  max_line,
                                             GError               **error);
/* The next line, without its "\n" (and "\r"), valid until the next call;
 * FALSE at the end or on a read error (@error set).  A line longer than
 * max_line comes back empty with *too_long set, and is the last: its end
 * might never come (/dev/zero). */
gboolean           bedside_line_reader_next (BedsideLineReader     *self,
                                             const char           **line,
                                             gsize                 *length,
                                             gboolean              *too_long,
                                             GError               **error);
void               bedside_line_reader_free (BedsideLineReader     *self);

/* "N MiB", "N KiB" or "N bytes", for the limits in messages. */
char     *bedside_file_format_limit  (gsize                  limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLineReader, bedside_line_reader_free)

G_END_DECLS
