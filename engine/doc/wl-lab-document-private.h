/* wl-lab-document-private.h — what the files of the document share. */
#pragma once

#include "wl-lab-document.h"

G_BEGIN_DECLS

/* One lab of the history: the lab itself, a serial that tells whether it is the saved one,
 * and the name of the edit between it and the current lab (shown as "Undo Add PC1"). */
typedef struct
{
  WlLab *lab;
  guint  serial;
  char  *label;
} WlDocState;

struct _WlLabDocument
{
  GObject    parent_instance;

  WlLab     *lab;            /* current, always valid */
  guint      serial;         /* of the current lab */
  guint      saved_serial;   /* of the lab the file holds; 0 = never saved (or not loaded) */
  guint      next_serial;
  GPtrArray *undo;           /* of WlDocState*, oldest first */
  GPtrArray *redo;           /* of WlDocState*, next redo last */

  char      *path;           /* lab file, NULL when never saved */
  char      *source_name;    /* base name of the lab text it was opened from, or NULL */
  char      *title;          /* cached display title */

  GArray    *sel_devices;    /* guint, sorted, unique */
  GArray    *sel_links;
};

/* How many labs the undo history keeps. */
#define WL_LAB_DOCUMENT_MAX_UNDO 200

WlLab   *_wl_lab_copy (WlLab *lab);
/* Validates copy and, when valid, makes it the current lab as one undo step named label
 * (taking copy); otherwise drops copy and returns FALSE with error set. */
gboolean _wl_lab_document_commit (WlLabDocument *self,
                                  WlLab         *copy,
                                  const char    *label,
                                  GError       **error);
/* Drops selected indices that no longer exist; emits selection-changed when it changed. */
void     _wl_lab_document_clamp_selection (WlLabDocument *self);
void     _wl_lab_document_emit_selection_changed (WlLabDocument *self);

G_END_DECLS
