/* wl-packet.c — packet buffers with headroom (see wl-packet.h). */
#define G_LOG_DOMAIN "wl-packet"
#include "config.h"

#include <string.h>

#include "wl-packet.h"

static WlPacket *
packet_alloc (gsize headroom, gsize len)
{
  WlPacket *pkt = g_new (WlPacket, 1);

  pkt->ref_count = 1;
  pkt->cap = headroom + len + 8; /* a little tailroom: the FCS and padding fit without realloc */
  pkt->buf = g_malloc (pkt->cap);
  pkt->head = headroom;
  pkt->len = len;
  return pkt;
}

WlPacket *
wl_packet_new (gsize len)
{
  WlPacket *pkt = packet_alloc (WL_PACKET_HEADROOM, len);

  memset (wl_packet_data (pkt), 0, len);
  return pkt;
}

WlPacket *
wl_packet_new_from_data (const guint8 *data, gsize len)
{
  WlPacket *pkt = packet_alloc (WL_PACKET_HEADROOM, len);

  if (len > 0)
    memcpy (wl_packet_data (pkt), data, len);
  return pkt;
}

WlPacket *
wl_packet_ref (WlPacket *pkt)
{
  g_return_val_if_fail (pkt != NULL, NULL);
  pkt->ref_count++;
  return pkt;
}

void
wl_packet_unref (WlPacket *pkt)
{
  if (pkt == NULL)
    return;
  g_assert (pkt->ref_count > 0);
  if (--pkt->ref_count == 0)
    {
      g_free (pkt->buf);
      g_free (pkt);
    }
}

WlPacket *
wl_packet_copy (const WlPacket *pkt)
{
  return wl_packet_new_from_data (pkt->buf + pkt->head, pkt->len);
}

guint8 *
wl_packet_push (WlPacket *pkt, gsize n)
{
  if (n > pkt->head)
    {
      /* Not enough headroom: move the data back behind fresh headroom. */
      gsize new_head = n + WL_PACKET_HEADROOM;
      gsize new_cap = new_head + pkt->len + (pkt->cap - pkt->head - pkt->len);
      guint8 *nbuf = g_malloc (new_cap);

      memcpy (nbuf + new_head, pkt->buf + pkt->head, pkt->len);
      g_free (pkt->buf);
      pkt->buf = nbuf;
      pkt->cap = new_cap;
      pkt->head = new_head;
    }
  pkt->head -= n;
  pkt->len += n;
  return pkt->buf + pkt->head;
}

guint8 *
wl_packet_pull (WlPacket *pkt, gsize n)
{
  guint8 *p;

  if (n > pkt->len)
    return NULL;
  p = pkt->buf + pkt->head;
  pkt->head += n;
  pkt->len -= n;
  return p;
}

guint8 *
wl_packet_put (WlPacket *pkt, gsize n)
{
  guint8 *p;

  if (pkt->head + pkt->len + n > pkt->cap)
    {
      pkt->cap = pkt->head + pkt->len + n + 64;
      pkt->buf = g_realloc (pkt->buf, pkt->cap);
    }
  p = pkt->buf + pkt->head + pkt->len;
  memset (p, 0, n);
  pkt->len += n;
  return p;
}

void
wl_packet_trim (WlPacket *pkt, gsize len)
{
  if (len < pkt->len)
    pkt->len = len;
}
