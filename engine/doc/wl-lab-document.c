/* wl-lab-document.c — the document object: current lab, undo history, file, title.
 *
 * History.  The document keeps whole labs, not inverse operations: an edit copies the current
 * lab, changes the copy, validates it and pushes the old lab on the undo stack.  Undo moves the
 * current lab to the redo stack and makes the top of the undo stack current.  A lab of 1000
 * hosts is a few hundred kilobytes, so a 200-step history stays small, and undo is exact by
 * construction: what comes back is the very lab that was current before.
 *
 * Modified flag.  Every lab gets a serial when it becomes current; the document remembers the
 * serial of the lab last loaded from or saved to the file.  Undoing back to that lab makes
 * the document unmodified again, as in every GNOME editor.
 */
#define G_LOG_DOMAIN "wl-doc"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lab/wl-lab-text.h"
#include "store/wl-store.h"
#include "wl-lab-document-private.h"

G_DEFINE_FINAL_TYPE (WlLabDocument, wl_lab_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_PATH,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
state_free (gpointer data)
{
  WlDocState *state = data;

  g_clear_pointer (&state->lab, wl_lab_unref);
  g_free (state->label);
  g_free (state);
}

static void
wl_lab_document_finalize (GObject *object)
{
  WlLabDocument *self = WL_LAB_DOCUMENT (object);

  g_clear_pointer (&self->lab, wl_lab_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->sel_devices, g_array_unref);
  g_clear_pointer (&self->sel_links, g_array_unref);
  G_OBJECT_CLASS (wl_lab_document_parent_class)->finalize (object);
}

static void
wl_lab_document_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  WlLabDocument *self = WL_LAB_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, wl_lab_document_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wl_lab_document_get_modified (self));
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wl_lab_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, wl_lab_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_lab_document_class_init (WlLabDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wl_lab_document_finalize;
  object_class->get_property = wl_lab_document_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
wl_lab_document_init (WlLabDocument *self)
{
  self->lab = wl_lab_new ();
  self->next_serial = 1;
  self->serial = self->next_serial++;
  self->saved_serial = self->serial; /* an empty new lab has nothing to lose */
  self->undo = g_ptr_array_new_with_free_func (state_free);
  self->redo = g_ptr_array_new_with_free_func (state_free);
  self->sel_devices = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sel_links = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Deep copy through the struct fields: every string and array is duplicated, so the copy
 * shares nothing with the original and can go to another thread. */
static WlLab *
copy_fields (WlLab *lab)
{
  WlLab *copy = wl_lab_new ();

  g_free (copy->title);
  g_free (copy->description);
  copy->title = g_strdup (lab->title);
  copy->description = g_strdup (lab->description);
  copy->seed = lab->seed;
  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *d = g_ptr_array_index (lab->devices, i);
      WlLabDevice *c = wl_lab_add_device (copy, d->kind, d->name);

      g_ptr_array_set_size (c->ifaces, 0);
      for (guint j = 0; j < d->ifaces->len; j++)
        {
          const WlLabIface *di = g_ptr_array_index (d->ifaces, j);
          WlLabIface *ci = wl_lab_device_add_iface (c, di->name);
          char *name = ci->name;

          *ci = *di;
          ci->name = name;
        }
      for (guint j = 0; j < d->routes->len; j++)
        {
          const WlLabRoute *dr = g_ptr_array_index (d->routes, j);
          WlLabRoute *cr = g_new (WlLabRoute, 1);

          *cr = *dr;
          cr->iface = g_strdup (dr->iface);
          g_ptr_array_add (c->routes, cr);
        }
      c->x = d->x;
      c->y = d->y;
      c->gateway = d->gateway;
      c->dns = d->dns;
      c->mac_ageing = d->mac_ageing;
      wl_lab_device_copy_services (c, d);
    }
  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *l = g_ptr_array_index (lab->links, i);
      WlLabLink *c = wl_lab_add_link (copy, l->name, l->dev_a, l->if_a, l->dev_b, l->if_b);
      char *name = c->name;

      *c = *l;
      c->name = name;
    }
  for (guint i = 0; i < lab->actions->len; i++)
    {
      const WlLabAction *a = g_ptr_array_index (lab->actions, i);

      wl_lab_add_action (copy, a->time, a->device, a->command);
    }
  return copy;
}

/* The lab model grows (services came after this file): a field the copy above does not know
 * would be silently lost by every edit.  wl_lab_equal knows every field, so a copy that
 * differs is redone through the lab text, which holds everything a lab holds. */
WlLab *
_wl_lab_copy (WlLab *lab)
{
  WlLab *copy = copy_fields (lab);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (G_LIKELY (wl_lab_equal (copy, lab)))
    return copy;
  g_warning ("wl-lab-document: the lab has fields the document does not copy; "
             "copying through the lab text");
  wl_lab_unref (copy);
  text = wl_lab_text_write (lab);
  copy = wl_lab_text_parse (text, -1, &error);
  g_assert_no_error (error);
  return copy;
}

static void
update_title (WlLabDocument *self)
{
  g_autofree char *old = g_steal_pointer (&self->title);

  if (self->lab->title != NULL && self->lab->title[0] != '\0')
    self->title = g_strdup (self->lab->title);
  else if (self->path != NULL)
    self->title = g_path_get_basename (self->path);
  else if (self->source_name != NULL)
    self->title = g_strdup (self->source_name);
  else
    self->title = g_strdup (_("Untitled lab"));
  if (g_strcmp0 (old, self->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* After the current lab was replaced: notify everything that may have changed with it. */
static void
lab_replaced (WlLabDocument *self,
              gboolean was_modified,
              gboolean could_undo,
              gboolean could_redo)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  update_title (self);
  if (was_modified != wl_lab_document_get_modified (self))
    g_object_notify_by_pspec (object, properties[PROP_MODIFIED]);
  if (could_undo != wl_lab_document_can_undo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
  if (could_redo != wl_lab_document_can_redo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
  g_object_thaw_notify (object);
  g_signal_emit (self, signals[CHANGED], 0);
  _wl_lab_document_clamp_selection (self);
}

gboolean
_wl_lab_document_commit (WlLabDocument *self,
                         WlLab *copy,
                         const char *label,
                         GError **error)
{
  gboolean was_modified = wl_lab_document_get_modified (self);
  gboolean could_undo = wl_lab_document_can_undo (self);
  gboolean could_redo = wl_lab_document_can_redo (self);
  WlDocState *state;

  if (!wl_lab_validate (copy, error))
    {
      wl_lab_unref (copy);
      return FALSE;
    }
  state = g_new0 (WlDocState, 1);
  state->lab = g_steal_pointer (&self->lab);
  state->serial = self->serial;
  state->label = g_strdup (label);
  g_ptr_array_add (self->undo, state);
  if (self->undo->len > WL_LAB_DOCUMENT_MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);

  self->lab = copy;
  self->serial = self->next_serial++;
  lab_replaced (self, was_modified, could_undo, could_redo);
  return TRUE;
}

/* Moves the current lab onto @to and makes the last lab of @from current. */
static gboolean
swap_history (WlLabDocument *self,
              GPtrArray *from,
              GPtrArray *to)
{
  gboolean was_modified = wl_lab_document_get_modified (self);
  gboolean could_undo = wl_lab_document_can_undo (self);
  gboolean could_redo = wl_lab_document_can_redo (self);
  WlDocState *state, *current;

  if (from->len == 0)
    return FALSE;
  state = g_ptr_array_steal_index (from, from->len - 1);
  current = g_new0 (WlDocState, 1);
  current->lab = g_steal_pointer (&self->lab);
  current->serial = self->serial;
  /* the label travels with the edit: undoing "Add PC1" makes "Add PC1" the next redo */
  current->label = g_steal_pointer (&state->label);
  g_ptr_array_add (to, current);
  self->lab = g_steal_pointer (&state->lab);
  self->serial = state->serial;
  state_free (state);
  lab_replaced (self, was_modified, could_undo, could_redo);
  return TRUE;
}

gboolean
wl_lab_document_undo (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return swap_history (self, self->undo, self->redo);
}

gboolean
wl_lab_document_redo (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return swap_history (self, self->redo, self->undo);
}

gboolean
wl_lab_document_can_undo (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
wl_lab_document_can_redo (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return self->redo->len > 0;
}

/* A lab on the undo stack carries the label of the edit that followed it (the one undo
 * reverts); a lab on the redo stack the label of the edit that led to it (the one redo
 * replays). */
const char *
wl_lab_document_get_undo_label (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  if (self->undo->len == 0)
    return NULL;
  return ((WlDocState *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

const char *
wl_lab_document_get_redo_label (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  if (self->redo->len == 0)
    return NULL;
  return ((WlDocState *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

WlLab *
wl_lab_document_get_lab (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  return self->lab;
}

WlLab *
wl_lab_document_dup_lab (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  return _wl_lab_copy (self->lab);
}

const char *
wl_lab_document_get_path (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  return self->path;
}

const char *
wl_lab_document_get_title (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  if (self->title == NULL)
    update_title (self);
  return self->title;
}

gboolean
wl_lab_document_get_modified (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return self->serial != self->saved_serial;
}

char *
wl_lab_document_dup_suggested_name (WlLabDocument *self)
{
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  if (self->path != NULL)
    return g_path_get_basename (self->path);
  if (self->source_name != NULL)
    base = g_strdup (self->source_name);
  else if (self->lab->title[0] != '\0')
    base = g_strdup (self->lab->title);
  else
    base = g_strdup (_("Untitled lab"));
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  /* a file name, not a path: no slashes from a title */
  g_strdelimit (base, "/\\", '-');
  return g_strconcat (base, ".wirelab", NULL);
}

WlLabDocument *
wl_lab_document_new (void)
{
  return g_object_new (WL_TYPE_LAB_DOCUMENT, NULL);
}

WlLabDocument *
wl_lab_document_new_for_lab (WlLab *lab)
{
  WlLabDocument *self;

  g_return_val_if_fail (lab != NULL, NULL);

  self = wl_lab_document_new ();
  wl_lab_unref (self->lab);
  self->lab = _wl_lab_copy (lab);
  return self;
}

/* A lab file is SQLite; SQLite files start with this 16-byte header (sqlite.org/fileformat). */
static gboolean
looks_like_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *f = fopen (path, "rb");
  gsize n;

  if (f == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  return n == sizeof head && memcmp (head, magic, sizeof magic) == 0;
}

/* Files named .wirelab and anything that starts like SQLite go to the store, which says
 * precisely what is wrong with them; everything else is read as a lab text. */
WlLabDocument *
wl_lab_document_open (const char *path,
                      GError **error)
{
  g_autoptr (WlLab) lab = NULL;
  WlLabDocument *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_has_suffix (path, ".wirelab") || looks_like_sqlite (path))
    {
      g_autoptr (WlStore) store = wl_store_open (path, error);

      if (store == NULL || (lab = wl_store_load_lab (store, error)) == NULL)
        return NULL;
      self = wl_lab_document_new ();
      self->path = g_canonicalize_filename (path, NULL);
    }
  else
    {
      if ((lab = wl_lab_text_load (path, error)) == NULL)
        return NULL;
      self = wl_lab_document_new ();
      self->source_name = g_path_get_basename (path);
    }
  wl_lab_unref (self->lab);
  self->lab = g_steal_pointer (&lab);
  self->saved_serial = self->serial;
  update_title (self);
  return self;
}

static void
mark_saved (WlLabDocument *self,
            const char *path)
{
  gboolean was_modified = wl_lab_document_get_modified (self);
  gboolean new_path = g_strcmp0 (self->path, path) != 0;

  if (new_path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }
  self->saved_serial = self->serial;
  g_object_freeze_notify (G_OBJECT (self));
  if (new_path)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  update_title (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
wl_lab_document_save (WlLabDocument *self,
                      GError **error)
{
  g_autoptr (WlStore) store = NULL;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);

  if ((store = wl_store_open (self->path, error)) == NULL
      || !wl_store_save_lab (store, self->lab, error))
    return FALSE;
  mark_saved (self, self->path);
  return TRUE;
}

gboolean
wl_lab_document_save_as (WlLabDocument *self,
                         const char *path,
                         GError **error)
{
  g_autofree char *canonical = NULL;
  g_autoptr (WlStore) store = NULL;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  if (g_strcmp0 (canonical, self->path) == 0)
    return wl_lab_document_save (self, error);
  /* the lab is valid, so wl_store_create's validation (and sorting) changes nothing in it */
  if ((store = wl_store_create (canonical, self->lab, TRUE, error)) == NULL)
    return FALSE;
  mark_saved (self, canonical);
  return TRUE;
}
