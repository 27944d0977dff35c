/* bedside-replace-stream.h: the one safe writer for every file Bedside writes. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BEDSIDE_TYPE_REPLACE_STREAM (bedside_replace_stream_get_type ())

G_DECLARE_FINAL_TYPE (BedsideReplaceStream, bedside_replace_stream, BEDSIDE, REPLACE_STREAM, GOutputStream)

/* How Bedside names its temporary files: ".NAME.bedside-XXXXXX" beside NAME,
 * so that only its own are ever cleaned up. */
#define BEDSIDE_TEMP_INFIX ".bedside-"

/* A temporary file left by an interrupted save is removed by the next save
 * in its folder once it is this old (a save in progress is younger). */
#define BEDSIDE_STALE_TEMP_SECONDS 60

/**
 * bedside_replace_stream_new:
 * @path: the file to replace
 * @error: BEDSIDE_FILE_ERROR_NOT_REPLACEABLE, or an I/O error
 *
 * A stream that writes a new version of @path: a temporary file
 * (".NAME.bedside-XXXXXX", mode 0600: a plan or a consultation may carry the
 * patient's name) in the same folder, flushed to disk and renamed over @path
 * when the stream is closed, so that a reader sees the old file or the new
 * one, never half of one.  Closing with a cancelled cancellable removes the
 * temporary file and leaves @path as it was.
 *
 * @path must be a regular file or not exist: a symbolic link, a folder, a
 * device, a FIFO or a socket is refused (BEDSIDE_FILE_ERROR_NOT_REPLACEABLE)
 * and left untouched.  Temporary files of interrupted saves in the folder are
 * removed first.
 *
 * Returns: (transfer full) (nullable): the stream, or %NULL with @error set
 */
GOutputStream *bedside_replace_stream_new (const char  *path,
                                           GError     **error);

/**
 * bedside_file_check_replaceable:
 * @path: a file to replace
 * @error: BEDSIDE_FILE_ERROR_NOT_REPLACEABLE, or an I/O error
 *
 * Checks that @path may be replaced as by bedside_replace_stream_new(),
 * without writing anything.
 *
 * Returns: TRUE when it may
 */
gboolean       bedside_file_check_replaceable (const char  *path,
                                               GError     **error);

/**
 * bedside_file_replace_contents:
 * @path: the file to replace
 * @data: (array length=length): the new contents
 * @length: their length in bytes
 * @error: as bedside_replace_stream_new(), or a write error
 *
 * Writes the whole of @data to @path through a replace stream.
 *
 * Returns: TRUE when @path holds @data
 */
gboolean       bedside_file_replace_contents (const char  *path,
                                              const char  *data,
                                              gsize        length,
                                              GError     **error);

/**
 * bedside_file_remove_stale_temporaries:
 * @dir: a folder
 *
 * Removes Bedside's temporary files older than %BEDSIDE_STALE_TEMP_SECONDS
 * from @dir: regular files of this user named ".NAME.bedside-XXXXXX".
 *
 * Returns: how many were removed
 */
guint          bedside_file_remove_stale_temporaries (const char *dir);

G_END_DECLS
