/* wl-lab-document-selection.c — which devices and cables are selected.
 *
 * The selection lives in the document so that the canvas, the inspector and the window's
 * actions (Delete) read the same one without knowing each other.  It is two sorted arrays of
 * indices; labs are small enough (a selection of a thousand devices is a rubber band over the
 * whole benchmark lab) that sorted arrays beat any cleverer set.
 */
#define G_LOG_DOMAIN "wl-doc"
#include "config.h"

#include "wl-lab-document-private.h"

void
_wl_lab_document_emit_selection_changed (WlLabDocument *self)
{
  g_signal_emit_by_name (self, "selection-changed");
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
array_contains (GArray *array,
                guint value)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint v = g_array_index (array, guint, mid);

      if (v == value)
        return TRUE;
      if (v < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* Sorts and drops duplicates and indices >= limit; TRUE when anything was dropped. */
static gboolean
normalize (GArray *array,
           guint limit)
{
  guint n = 0, before = array->len;

  g_array_sort (array, compare_uint);
  for (guint i = 0; i < array->len; i++)
    {
      guint v = g_array_index (array, guint, i);

      if (v >= limit || (n > 0 && g_array_index (array, guint, n - 1) == v))
        continue;
      g_array_index (array, guint, n++) = v;
    }
  g_array_set_size (array, n);
  return n != before;
}

void
_wl_lab_document_clamp_selection (WlLabDocument *self)
{
  gboolean changed = normalize (self->sel_devices, self->lab->devices->len);

  changed |= normalize (self->sel_links, self->lab->links->len);
  if (changed)
    _wl_lab_document_emit_selection_changed (self);
}

void
wl_lab_document_select_none (WlLabDocument *self)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  if (self->sel_devices->len + self->sel_links->len == 0)
    return;
  g_array_set_size (self->sel_devices, 0);
  g_array_set_size (self->sel_links, 0);
  _wl_lab_document_emit_selection_changed (self);
}

void
wl_lab_document_select_all (WlLabDocument *self)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  g_array_set_size (self->sel_devices, self->lab->devices->len);
  for (guint i = 0; i < self->lab->devices->len; i++)
    g_array_index (self->sel_devices, guint, i) = i;
  g_array_set_size (self->sel_links, self->lab->links->len);
  for (guint i = 0; i < self->lab->links->len; i++)
    g_array_index (self->sel_links, guint, i) = i;
  _wl_lab_document_emit_selection_changed (self);
}

void
wl_lab_document_set_selection (WlLabDocument *self,
                               const guint *devices,
                               guint n_devices,
                               const guint *links,
                               guint n_links)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  g_array_set_size (self->sel_devices, 0);
  g_array_set_size (self->sel_links, 0);
  if (n_devices > 0)
    g_array_append_vals (self->sel_devices, devices, n_devices);
  if (n_links > 0)
    g_array_append_vals (self->sel_links, links, n_links);
  normalize (self->sel_devices, self->lab->devices->len);
  normalize (self->sel_links, self->lab->links->len);
  _wl_lab_document_emit_selection_changed (self);
}

static void
select_one (WlLabDocument *self,
            GArray *array,
            guint index,
            guint limit,
            gboolean extend)
{
  if (index >= limit)
    return;
  if (!extend)
    {
      /* clicking what is already the whole selection changes nothing */
      if (self->sel_devices->len + self->sel_links->len == 1 && array->len == 1
          && g_array_index (array, guint, 0) == index)
        return;
      g_array_set_size (self->sel_devices, 0);
      g_array_set_size (self->sel_links, 0);
    }
  else if (array_contains (array, index))
    return;
  g_array_append_val (array, index);
  normalize (array, limit);
  _wl_lab_document_emit_selection_changed (self);
}

void
wl_lab_document_select_device (WlLabDocument *self,
                               guint device,
                               gboolean extend)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  select_one (self, self->sel_devices, device, self->lab->devices->len, extend);
}

void
wl_lab_document_select_link (WlLabDocument *self,
                             guint link,
                             gboolean extend)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  select_one (self, self->sel_links, link, self->lab->links->len, extend);
}

void
wl_lab_document_toggle_device (WlLabDocument *self,
                               guint device)
{
  g_return_if_fail (WL_IS_LAB_DOCUMENT (self));

  if (!array_contains (self->sel_devices, device))
    {
      select_one (self, self->sel_devices, device, self->lab->devices->len, TRUE);
      return;
    }
  for (guint i = 0; i < self->sel_devices->len; i++)
    if (g_array_index (self->sel_devices, guint, i) == device)
      {
        g_array_remove_index (self->sel_devices, i);
        break;
      }
  _wl_lab_document_emit_selection_changed (self);
}

gboolean
wl_lab_document_is_device_selected (WlLabDocument *self,
                                    guint device)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return array_contains (self->sel_devices, device);
}

gboolean
wl_lab_document_is_link_selected (WlLabDocument *self,
                                  guint link)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return array_contains (self->sel_links, link);
}

GArray *
wl_lab_document_get_selected_devices (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  return self->sel_devices;
}

GArray *
wl_lab_document_get_selected_links (WlLabDocument *self)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  return self->sel_links;
}
