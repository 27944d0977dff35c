/* bedside-preferences-window.c: the preferences, each bound to its GSettings key. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-preferences-window-private.h"
#include "bedside-render.h"

struct _BedsidePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *clinic_name_row;
  AdwEntryRow          *clinician_name_row;
  AdwEntryRow          *clinic_address_row;
  AdwEntryRow          *clinic_phone_row;
  AdwEntryRow          *emergency_number_row;
  AdwEntryRow          *handout_language_row;
  AdwComboRow          *paper_size_row;
  AdwComboRow          *default_audience_row;
  GtkSwitch            *only_verified_switch;
};

G_DEFINE_FINAL_TYPE (BedsidePreferencesWindow, bedside_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* A combo row's positions stand for these values of its key, in order. */
static const char * const paper_sizes[] = { "", "a4", "letter", NULL };

static gboolean
value_to_position (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char * const *values = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], text))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_value (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  const char * const *values = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) values))
    return NULL;
  return g_variant_new_string (values[position]);
}

/* The audience row lists the audiences in the enum's order, so a position
 * is an audience, and its key's strings are BEDSIDE_TYPE_AUDIENCE's nicks. */
static gboolean
audience_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  BedsideAudience audience;

  if (!bedside_audience_from_string (g_variant_get_string (variant, NULL), &audience))
    audience = BEDSIDE_AUDIENCE_CLINICIAN;
  g_value_set_uint (value, audience);
  return TRUE;
}

static GVariant *
position_to_audience (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  const char *nick = bedside_audience_to_string ((BedsideAudience) g_value_get_uint (value));

  return nick != NULL ? g_variant_new_string (nick) : NULL;
}

static void
bind_choices (BedsidePreferencesWindow *self,
              const char               *key,
              AdwComboRow              *row,
              const char * const       *values)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                value_to_position, position_to_value, (gpointer) values, NULL);
}

static void
bedside_preferences_window_dispose (GObject *object)
{
  BedsidePreferencesWindow *self = BEDSIDE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bedside_preferences_window_parent_class)->dispose (object);
}

static void
bedside_preferences_window_class_init (BedsidePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, clinic_name_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, clinician_name_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, clinic_address_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, clinic_phone_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, emergency_number_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, handout_language_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, paper_size_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, default_audience_row);
  gtk_widget_class_bind_template_child (widget_class, BedsidePreferencesWindow, only_verified_switch);
}

static void
bedside_preferences_window_init (BedsidePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bedside_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  BedsidePreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BEDSIDE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "clinic-name", self->clinic_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "clinician-name", self->clinician_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "clinic-address", self->clinic_address_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "clinic-phone", self->clinic_phone_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "emergency-number", self->emergency_number_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "handout-language", self->handout_language_row, "text", G_SETTINGS_BIND_DEFAULT);
  bind_choices (self, "paper-size", self->paper_size_row, paper_sizes);
  g_settings_bind_with_mapping (settings, "default-audience", self->default_audience_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, audience_to_position, position_to_audience, NULL, NULL);
  /* A key the clinic has locked with dconf leaves the switch insensitive. */
  g_settings_bind (settings, "only-verified", self->only_verified_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

GtkWidget *
bedside_preferences_window_get_row (BedsidePreferencesWindow *self,
                                    const char               *key)
{
  const struct {
    const char *key;
    gpointer    row;
  } rows[] = {
    { "clinic-name", self->clinic_name_row },
    { "clinician-name", self->clinician_name_row },
    { "clinic-address", self->clinic_address_row },
    { "clinic-phone", self->clinic_phone_row },
    { "emergency-number", self->emergency_number_row },
    { "handout-language", self->handout_language_row },
    { "paper-size", self->paper_size_row },
    { "default-audience", self->default_audience_row },
    { "only-verified", self->only_verified_switch },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key))
      return rows[i].row;
  return NULL;
}
