/* bedside-question-row.c: one questionnaire item, shown with the control its type needs. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bedside-question-row-private.h"

struct _BedsideQuestionRow
{
  AdwPreferencesRow  parent_instance;

  BedsideSession    *session;
  guint              item;
  gboolean           updating;   /* setting a control from the session */

  GtkLabel          *label;
  GtkMenuButton     *help_button;
  GtkLabel          *help_label;
  GtkBox            *control_box;
  GtkBox            *choice_box;
  GtkLabel          *error_label;

  /* One of these, by the item's type. */
  GtkToggleButton   *yes_button;
  GtkToggleButton   *no_button;
  GtkWidget         *entry;
  GtkDropDown       *drop_down;
  GPtrArray         *choice_buttons;  /* GtkToggleButton, by option */
};

G_DEFINE_FINAL_TYPE (BedsideQuestionRow, bedside_question_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  ANSWER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const BedsideItem *
get_item (BedsideQuestionRow *self)
{
  return bedside_guideline_get_item (bedside_session_get_guideline (self->session), self->item);
}

/* The control a screen reader is on when it reads the answer. */
static GtkWidget *
get_input (BedsideQuestionRow *self)
{
  if (self->entry != NULL)
    return self->entry;
  if (self->drop_down != NULL)
    return GTK_WIDGET (self->drop_down);
  if (self->yes_button != NULL)
    return gtk_widget_get_parent (GTK_WIDGET (self->yes_button));
  if (self->choice_buttons != NULL && self->choice_buttons->len > 0)
    return gtk_widget_get_parent (self->choice_buttons->pdata[0]);
  return NULL;
}

static void
set_error (BedsideQuestionRow *self,
           const char         *message)
{
  GtkWidget *input = get_input (self);

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (input == NULL)
    return;
  /* The message under the row is read with the input it is about. */
  if (message != NULL)
    {
      if (input == self->entry)
        gtk_widget_add_css_class (input, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->error_label,
                                      -1);
    }
  else
    {
      if (input == self->entry)
        gtk_widget_remove_css_class (input, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

static void
apply_answer (BedsideQuestionRow *self,
              const char         *text)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  if (bedside_session_set_answer_from_string (self->session, self->item, text, &error))
    set_error (self, NULL);
  else
    {
      /* What is on screen is not a valid answer, so it must not count as
       * one.  The engine's message is about this item alone, already in
       * the interface's language. */
      bedside_session_clear_answer (self->session, self->item);
      set_error (self, error->message);
    }
  g_signal_emit (self, signals[ANSWER_CHANGED], 0);
}

static void
on_toggle_toggled (GtkToggleButton    *button,
                   BedsideQuestionRow *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  apply_answer (self, button == self->yes_button ? "yes" : "no");
}

static void
on_choice_toggled (GtkToggleButton    *button,
                   BedsideQuestionRow *self)
{
  const BedsideItem *item = get_item (self);

  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < self->choice_buttons->len && i < item->n_options; i++)
    if (self->choice_buttons->pdata[i] == button)
      apply_answer (self, item->options[i].code);
}

static void
on_entry_changed (GtkEditable        *editable,
                  BedsideQuestionRow *self)
{
  apply_answer (self, gtk_editable_get_text (editable));
}

static void
on_drop_down_selected (GtkDropDown        *drop_down,
                       GParamSpec         *pspec,
                       BedsideQuestionRow *self)
{
  const BedsideItem *item = get_item (self);
  guint selected = gtk_drop_down_get_selected (drop_down);

  /* Position 0 is the "Select…" placeholder: no answer. */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > item->n_options)
    apply_answer (self, "");
  else
    apply_answer (self, item->options[selected - 1].code);
}

static guint
mnemonic_keyval (GtkToggleButton *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  return GTK_IS_LABEL (label) ? gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (label)))
                              : GDK_KEY_VoidSymbol;
}

/* Y or N (the underlined letters of the buttons, so they follow the
 * translation) answer the question the focus is in, without Alt. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BedsideQuestionRow    *self)
{
  GtkToggleButton *button = NULL;

  if (self->yes_button == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == mnemonic_keyval (self->yes_button))
    button = self->yes_button;
  else if (keyval == mnemonic_keyval (self->no_button))
    button = self->no_button;
  if (button == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (button)))
    return GDK_EVENT_PROPAGATE;
  gtk_toggle_button_set_active (button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (button));
  return GDK_EVENT_STOP;
}

static void
build_boolean (BedsideQuestionRow *self,
               const BedsideItem  *item)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (group, "linked");
  self->yes_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Yes")));
  self->no_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_No")));
  gtk_toggle_button_set_group (self->no_button, self->yes_button);
  gtk_widget_add_css_class (GTK_WIDGET (self->yes_button), "answer-toggle");
  gtk_widget_add_css_class (GTK_WIDGET (self->no_button), "answer-toggle");
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->yes_button));
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->no_button));
  gtk_box_append (self->control_box, group);

  gtk_accessible_update_property (GTK_ACCESSIBLE (group),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->label,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->yes_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->no_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                  -1);

  g_signal_connect (self->yes_button, "toggled", G_CALLBACK (on_toggle_toggled), self);
  g_signal_connect (self->no_button, "toggled", G_CALLBACK (on_toggle_toggled), self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
}

/* A few options read best side by side, all in view: a row of toggle
 * buttons under the question that acts like radio buttons.  Labels wrap,
 * so long ones still fit a narrow window. */
static void
build_choice_toggles (BedsideQuestionRow *self,
                      const BedsideItem  *item)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;

  gtk_box_set_homogeneous (GTK_BOX (group), TRUE);
  gtk_widget_set_hexpand (group, TRUE);
  gtk_widget_add_css_class (group, "linked");
  self->choice_buttons = g_ptr_array_new ();
  for (guint i = 0; i < item->n_options; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *label = gtk_label_new (item->options[i].label);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "answer-toggle");
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, item->options[i].label,
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                      -1);
      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
      gtk_box_append (GTK_BOX (group), button);
      g_ptr_array_add (self->choice_buttons, button);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (group),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->label,
                                  -1);
  gtk_box_append (self->choice_box, group);
  gtk_widget_set_visible (GTK_WIDGET (self->choice_box), TRUE);
}

/* Many options: a drop-down keeps the row short. */
static void
build_choice (BedsideQuestionRow *self,
              const BedsideItem  *item)
{
  if (item->n_options <= 4)
    {
      build_choice_toggles (self, item);
      return;
    }

  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  gtk_string_list_append (strings, _("Select…"));
  for (guint i = 0; i < item->n_options; i++)
    gtk_string_list_append (strings, item->options[i].label);

  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL));
  gtk_drop_down_set_selected (self->drop_down, 0);
  gtk_box_append (self->control_box, GTK_WIDGET (self->drop_down));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->label,
                                  -1);
  g_signal_connect (self->drop_down, "notify::selected", G_CALLBACK (on_drop_down_selected), self);
}

static void
build_entry (BedsideQuestionRow *self,
             const BedsideItem  *item)
{
  GtkEntry *entry;

  self->entry = gtk_entry_new ();
  entry = GTK_ENTRY (self->entry);
  gtk_entry_set_activates_default (entry, TRUE);

  switch (item->type)
    {
    case BEDSIDE_TYPE_INTEGER:
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
      gtk_entry_set_alignment (entry, 1.0);
      break;
    case BEDSIDE_TYPE_DECIMAL:
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
      gtk_entry_set_alignment (entry, 1.0);
      break;
    case BEDSIDE_TYPE_DATE:
      /* TRANSLATORS: the date format the entry expects; keep it ISO */
      gtk_entry_set_placeholder_text (entry, _("YYYY-MM-DD"));
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 11);
      break;
    case BEDSIDE_TYPE_TEXT:
    case BEDSIDE_TYPE_BOOLEAN:
    case BEDSIDE_TYPE_CHOICE:
    case BEDSIDE_TYPE_INVALID:
    default:
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 20);
      break;
    }

  gtk_box_append (self->control_box, self->entry);
  if (item->unit != NULL)
    {
      GtkWidget *unit = gtk_label_new (item->unit);
      gtk_widget_add_css_class (unit, "dim-label");
      gtk_box_append (self->control_box, unit);
    }
  {
    /* The unit beside the entry is read as part of its name: "Age, years". */
    /* TRANSLATORS: the accessible name of a number entry: the question, then its unit */
    g_autofree char *name = item->unit != NULL ? g_strdup_printf (_("%s, %s"), item->label, item->unit)
                                               : g_strdup (item->label);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
  }
  g_signal_connect (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
}

/* Shows the session's answer, for a row built on a session with answers. */
static void
show_answer (BedsideQuestionRow *self,
             const BedsideItem  *item)
{
  const BedsideValue *value = bedside_session_get_answer (self->session, self->item);

  if (value == NULL || value->state != BEDSIDE_VALUE_KNOWN)
    return;

  self->updating = TRUE;
  if (self->yes_button != NULL)
    gtk_toggle_button_set_active (value->boolean ? self->yes_button : self->no_button, TRUE);
  else if (self->drop_down != NULL)
    gtk_drop_down_set_selected (self->drop_down, (guint) value->code + 1);
  else if (self->choice_buttons != NULL && (guint) value->code < self->choice_buttons->len)
    gtk_toggle_button_set_active (self->choice_buttons->pdata[value->code], TRUE);
  else if (self->entry != NULL)
    {
      g_autofree char *text = bedside_value_to_string (value, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
    }
  self->updating = FALSE;
}

static void
bedside_question_row_dispose (GObject *object)
{
  BedsideQuestionRow *self = BEDSIDE_QUESTION_ROW (object);

  g_clear_pointer (&self->session, bedside_session_unref);
  g_clear_pointer (&self->choice_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (bedside_question_row_parent_class)->dispose (object);
}

static void
bedside_question_row_class_init (BedsideQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_question_row_dispose;

  signals[ANSWER_CHANGED] =
    g_signal_new ("answer-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, label);
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, help_button);
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, control_box);
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, choice_box);
  gtk_widget_class_bind_template_child (widget_class, BedsideQuestionRow, error_label);
}

static void
bedside_question_row_init (BedsideQuestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bedside_question_row_new (BedsideSession *session,
                          guint           item_index)
{
  BedsideQuestionRow *self;
  const BedsideItem *item;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (item_index < bedside_guideline_get_n_items (bedside_session_get_guideline (session)), NULL);

  item = bedside_guideline_get_item (bedside_session_get_guideline (session), item_index);
  self = g_object_new (BEDSIDE_TYPE_QUESTION_ROW,
                       "title", item->label,
                       NULL);
  self->session = bedside_session_ref (session);
  self->item = item_index;

  gtk_label_set_text (self->label, item->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->label,
                                  -1);
  if (item->help != NULL && *item->help != '\0')
    {
      g_autofree char *tooltip = g_strdup_printf (_("Help: %s"), item->label);

      gtk_label_set_text (self->help_label, item->help);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->help_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->help_button), FALSE);

  switch (item->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      build_boolean (self, item);
      break;
    case BEDSIDE_TYPE_CHOICE:
      build_choice (self, item);
      break;
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_TEXT:
    case BEDSIDE_TYPE_INVALID:
    default:
      build_entry (self, item);
      break;
    }
  show_answer (self, item);

  return GTK_WIDGET (self);
}

void
bedside_question_row_clear (BedsideQuestionRow *self)
{
  g_return_if_fail (BEDSIDE_IS_QUESTION_ROW (self));

  self->updating = TRUE;
  if (self->yes_button != NULL)
    {
      gtk_toggle_button_set_active (self->yes_button, FALSE);
      gtk_toggle_button_set_active (self->no_button, FALSE);
    }
  else if (self->drop_down != NULL)
    gtk_drop_down_set_selected (self->drop_down, 0);
  else if (self->choice_buttons != NULL)
    for (guint i = 0; i < self->choice_buttons->len; i++)
      gtk_toggle_button_set_active (self->choice_buttons->pdata[i], FALSE);
  else if (self->entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->updating = FALSE;
  bedside_session_clear_answer (self->session, self->item);
  set_error (self, NULL);
  g_signal_emit (self, signals[ANSWER_CHANGED], 0);
}

guint
bedside_question_row_get_item (BedsideQuestionRow *self)
{
  g_return_val_if_fail (BEDSIDE_IS_QUESTION_ROW (self), 0);
  return self->item;
}

void
bedside_question_row_focus (BedsideQuestionRow *self)
{
  GtkWidget *target = NULL;

  g_return_if_fail (BEDSIDE_IS_QUESTION_ROW (self));

  /* An answer given: its button.  None yet: the row itself, never "Yes"
   * or the first option, where Space or Enter would answer for the
   * clinician; from the row, Y or N answers and Tab reaches the buttons. */
  if (self->yes_button != NULL)
    {
      if (gtk_toggle_button_get_active (self->yes_button))
        target = GTK_WIDGET (self->yes_button);
      else if (gtk_toggle_button_get_active (self->no_button))
        target = GTK_WIDGET (self->no_button);
    }
  else if (self->choice_buttons != NULL)
    {
      for (guint i = 0; i < self->choice_buttons->len; i++)
        if (gtk_toggle_button_get_active (self->choice_buttons->pdata[i]))
          target = self->choice_buttons->pdata[i];
    }
  else if (self->drop_down != NULL)
    target = GTK_WIDGET (self->drop_down);
  else if (self->entry != NULL)
    target = self->entry;

  gtk_widget_grab_focus (target != NULL ? target : GTK_WIDGET (self));
}

GtkToggleButton *
bedside_question_row_get_yes_button (BedsideQuestionRow *self)
{
  return self->yes_button;
}

GtkToggleButton *
bedside_question_row_get_no_button (BedsideQuestionRow *self)
{
  return self->no_button;
}

GtkEditable *
bedside_question_row_get_entry (BedsideQuestionRow *self)
{
  return self->entry ? GTK_EDITABLE (self->entry) : NULL;
}

GtkDropDown *
bedside_question_row_get_drop_down (BedsideQuestionRow *self)
{
  return self->drop_down;
}

GtkToggleButton *
bedside_question_row_get_choice_button (BedsideQuestionRow *self,
                                        const char         *code)
{
  const BedsideItem *item = get_item (self);

  if (self->choice_buttons == NULL)
    return NULL;
  for (guint i = 0; i < item->n_options && i < self->choice_buttons->len; i++)
    if (g_str_equal (item->options[i].code, code))
      return self->choice_buttons->pdata[i];
  return NULL;
}

GtkLabel *
bedside_question_row_get_error_label (BedsideQuestionRow *self)
{
  return self->error_label;
}

const char *
bedside_question_row_get_error (BedsideQuestionRow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
