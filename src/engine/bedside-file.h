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

/**
 * bedside_file_error_quark:
 *
 * The error domain of reading and replacing files (#BedsideFileError).
 *
 * Returns: the quark of %BEDSIDE_FILE_ERROR
 */
GQuark bedside_file_error_quark (void);

typedef enum {
  BEDSIDE_FILE_READ_REGULAR = 0,       /* a regular file, nothing else */
  BEDSIDE_FILE_READ_STDIN   = 1 << 0,  /* "-" is standard input, whatever it is */
} BedsideFileReadFlags;

/**
 * bedside_file_open:
 * @path: the file; with %BEDSIDE_FILE_READ_STDIN, "-" is standard input
 * @flags: what @path may be
 * @error: "PATH: cannot read the file: why", "PATH: is a folder, not a file",
 *   "PATH: is not a regular file"
 *
 * Opens @path for reading without ever blocking on it (a FIFO with no
 * writer), and checks it is a regular file (or "-" with
 * %BEDSIDE_FILE_READ_STDIN: a new descriptor for standard input).
 *
 * Returns: a blocking descriptor the caller closes, or -1 with @error set
 */
int       bedside_file_open          (const char            *path,
                                      BedsideFileReadFlags   flags,
                                      GError               **error);

/**
 * bedside_file_read:
 * @path: the file; with %BEDSIDE_FILE_READ_STDIN, "-" is standard input
 * @limit: the most bytes accepted
 * @flags: what @path may be
 * @contents: (out) (transfer full): the bytes, followed by a NUL not counted
 *   in @length
 * @length: (out) (optional): how many bytes
 * @error: as bedside_file_open(), or BEDSIDE_FILE_ERROR_TOO_LARGE: "PATH: the
 *   file is too large (the limit is N MiB)"
 *
 * Reads the whole of @path, at most @limit bytes whatever the file says its
 * size is (a device, a growing file).
 *
 * Returns: TRUE when @contents is set
 */
gboolean  bedside_file_read          (const char            *path,
                                      gsize                  limit,
                                      BedsideFileReadFlags   flags,
                                      char                 **contents,
                                      gsize                 *length,
                                      GError               **error);

/**
 * bedside_file_read_fd:
 * @fd: an open descriptor; it is not closed
 * @name: the file's name in messages
 * @limit: the most bytes accepted
 * @contents: (out) (transfer full): the bytes, followed by a NUL not counted
 *   in @length
 * @length: (out) (optional): how many bytes
 * @error: BEDSIDE_FILE_ERROR_IO or _TOO_LARGE
 *
 * The same as bedside_file_read() for an open descriptor.
 *
 * Returns: TRUE when @contents is set
 */
gboolean  bedside_file_read_fd       (int                    fd,
                                      const char            *name,
                                      gsize                  limit,
                                      char                 **contents,
                                      gsize                 *length,
                                      GError               **error);

/* A file read line by line in bounded memory: a batch may be far larger
 * than memory, or come from a pipe. */
typedef struct _BedsideLineReader BedsideLineReader;

/**
 * bedside_line_reader_new:
 * @path: the file; with %BEDSIDE_FILE_READ_STDIN, "-" is standard input
 * @flags: what @path may be
 * @max_line: the longest line accepted, in bytes
 * @error: as bedside_file_open()
 *
 * A file read line by line in bounded memory: a batch may be far larger than
 * memory, or come from a pipe.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
BedsideLineReader *bedside_line_reader_new  (const char            *path,
                                             BedsideFileReadFlags   flags,
                                             gsize                  max_line,
                                             GError               **error);

/**
 * bedside_line_reader_next:
 * @self: a line reader
 * @line: (out) (transfer none): the next line, without its "\n" (and "\r"),
 *   owned by the reader and valid until the next call
 * @length: (out): its length in bytes
 * @too_long: (out): set when the line is longer than max_line: it comes back
 *   empty and is the last, since its end might never come (/dev/zero)
 * @error: BEDSIDE_FILE_ERROR_IO
 *
 * Returns: TRUE when @line is set; FALSE at the end or on a read error
 *   (@error set)
 */
gboolean           bedside_line_reader_next (BedsideLineReader     *self,
                                             const char           **line,
                                             gsize                 *length,
                                             gboolean              *too_long,
                                             GError               **error);

/**
 * bedside_line_reader_free:
 * @self: (nullable) (transfer full): a line reader
 *
 * Closes the file and frees the reader.
 */
void               bedside_line_reader_free (BedsideLineReader     *self);

/**
 * bedside_file_format_limit:
 * @limit: a size in bytes
 *
 * A size for the limits in messages.
 *
 * Returns: (transfer full): "N MiB", "N KiB" or "N bytes"
 */
char     *bedside_file_format_limit  (gsize                  limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLineReader, bedside_line_reader_free)

G_END_DECLS
