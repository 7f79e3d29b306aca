/* wl-wire.c — the Internet checksum, RFC 1071. */
#define G_LOG_DOMAIN "wl-wire"
#include "config.h"

#include "wl-wire.h"

guint32
wl_inet_checksum_add (guint32 sum, const guint8 *data, gsize len)
{
  gsize i;

  for (i = 0; i + 1 < len; i += 2)
    sum += (guint32) (data[i] << 8 | data[i + 1]);
  if (len & 1)
    sum += (guint32) data[len - 1] << 8;
  /* fold now and then so a long buffer cannot overflow 32 bits */
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

guint16
wl_inet_checksum_finish (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

guint16
wl_inet_checksum (const guint8 *data, gsize len)
{
  return wl_inet_checksum_finish (wl_inet_checksum_add (0, data, len));
}

guint32
wl_inet_pseudo_header_sum (guint32 src, guint32 dst, guint8 proto, guint16 length)
{
  guint32 sum = 0;

  sum += src >> 16;
  sum += src & 0xffff;
  sum += dst >> 16;
  sum += dst & 0xffff;
  sum += proto;
  sum += length;
  return sum;
}
