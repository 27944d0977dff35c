/* bedside-catalog.h: Bedside's own message catalog (.mo) for one language, read without the C locale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BEDSIDE_CATALOG_ERROR (bedside_catalog_error_quark ())

typedef enum {
  BEDSIDE_CATALOG_ERROR_NOT_FOUND,   /* no catalog for that language */
  BEDSIDE_CATALOG_ERROR_INVALID,     /* not a .mo file, or a damaged one */
} BedsideCatalogError;

/**
 * bedside_catalog_error_quark:
 *
 * The error domain of message catalogs (#BedsideCatalogError).
 *
 * Returns: the quark of %BEDSIDE_CATALOG_ERROR
 */
GQuark bedside_catalog_error_quark (void);

/**
 * bedside_get_locale_dir:
 *
 * Where the catalogs are: $BEDSIDE_LOCALEDIR when set (the build tree's po/
 * for tests and `meson devenv`), else the configured localedir.
 *
 * Returns: (transfer none): the folder, owned by the environment or the
 *   program
 */
const char *bedside_get_locale_dir (void);

/**
 * bedside_language_is_valid:
 * @language: (nullable): a language code
 *
 * A language code Bedside accepts: "es", "es_MX", "pt-BR", "sr@latin",
 * "es_ES.UTF-8".  Nothing that could name another folder.
 *
 * Returns: TRUE when @language is one
 */
gboolean    bedside_language_is_valid (const char *language);

/**
 * bedside_language_dup_variants:
 * @language: a valid language code (bedside_language_is_valid())
 *
 * The names to try for @language, most specific first, with '-' read as '_':
 * "es-MX" gives "es_MX", "es".
 *
 * Returns: (transfer full): a new array of names
 */
GStrv       bedside_language_dup_variants (const char *language);

/**
 * bedside_language_matches:
 * @a: a language code
 * @b: another
 *
 * Returns: TRUE when @a and @b share their primary subtag: "es" and "es_MX"
 */
gboolean    bedside_language_matches (const char *a,
                                      const char *b);

typedef struct _BedsideCatalog BedsideCatalog;

/**
 * bedside_catalog_new_from_file:
 * @path: a GNU .mo file
 * @error: BEDSIDE_CATALOG_ERROR_NOT_FOUND or _INVALID
 *
 * Reads a GNU .mo file, without the C locale.
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
BedsideCatalog *bedside_catalog_new_from_file    (const char  *path,
                                                  GError     **error);

/**
 * bedside_catalog_new_for_language:
 * @domain: the gettext domain ("bedside")
 * @language: a language code
 * @error: BEDSIDE_CATALOG_ERROR_NOT_FOUND (also for a code that is not
 *   valid) or _INVALID
 *
 * The catalog of @domain for @language (its variants in order) under
 * bedside_get_locale_dir().
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
BedsideCatalog *bedside_catalog_new_for_language (const char  *domain,
                                                  const char  *language,
                                                  GError     **error);

/**
 * bedside_catalog_free:
 * @self: (nullable) (transfer full): a catalog
 */
void            bedside_catalog_free             (BedsideCatalog *self);

/**
 * bedside_catalog_get_path:
 * @self: a catalog
 *
 * Returns: (transfer none): the path it was read from, owned by the catalog
 */
const char     *bedside_catalog_get_path         (const BedsideCatalog *self);

/**
 * bedside_catalog_lookup:
 * @self: a catalog
 * @msgid: a message
 *
 * Fuzzy and untranslated messages are not in a .mo file.
 *
 * Returns: (transfer none) (nullable): the translation of @msgid, owned by the
 *   catalog, or %NULL when the catalog has none
 */
const char     *bedside_catalog_lookup           (const BedsideCatalog *self,
                                                  const char           *msgid);

/**
 * bedside_catalog_lookup_context:
 * @self: a catalog
 * @context: the message's context (C_() / pgettext)
 * @msgid: a message
 *
 * Returns: (transfer none) (nullable): the translation, owned by the catalog,
 *   or %NULL when the catalog has none
 */
const char     *bedside_catalog_lookup_context   (const BedsideCatalog *self,
                                                  const char           *context,
                                                  const char           *msgid);

/**
 * bedside_catalog_gettext:
 * @self: (nullable): a catalog; %NULL: no catalog, English
 * @msgid: (nullable): a message
 *
 * Returns: (transfer none) (nullable): @msgid translated (owned by the
 *   catalog), or @msgid itself: never %NULL for a non-%NULL @msgid
 */
const char     *bedside_catalog_gettext          (const BedsideCatalog *self,
                                                  const char           *msgid) G_GNUC_FORMAT (2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCatalog, bedside_catalog_free)

G_END_DECLS
