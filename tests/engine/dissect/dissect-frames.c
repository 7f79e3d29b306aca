/* dissect-frames.c — known frames for the dissector tests, written out byte by byte.
 *
 * Every frame was built to the RFCs with correct checksums and checked against tshark 4.0;
 * each part of a frame is on its own line (Ethernet header as destination, source, type;
 * ARP field by field; IP, ICMP, UDP and TCP in 32-bit words as in the RFC diagrams).
 * Addresses: 10.0.0.1 = 02:00:00:00:00:01, 10.0.0.2 = 02:00:00:00:00:02, the router is
 * 10.0.0.254 = 02:00:00:00:00:fe, and 10.0.1.2 is a host behind it.
 */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "dissect-frames.h"

const TestFrame test_frames[] = {
  /* ARP request, broadcast, padded to 60 bytes */
  { "arp-request",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002 " /* arp */
    "00000000 00000000 00000000 00000000 0000 ",  /* pad */
    "Who has 10.0.0.2? Tell 10.0.0.1",
    42, FALSE, NULL },
  /* ARP reply, unicast, padded */
  { "arp-reply",
    "020000000001 020000000002 0806 " /* eth */
    "0001 0800 06 04 0002 020000000002 0a000002 020000000001 0a000001 " /* arp */
    "00000000 00000000 00000000 00000000 0000 ",  /* pad */
    "10.0.0.2 is at 02:00:00:00:00:02",
    42, FALSE, NULL },
  /* ARP announcement (RFC 5227): sender IP = target IP, target MAC zero */
  { "arp-announcement",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000001 " /* arp */
    "00000000 00000000 00000000 00000000 0000 ",  /* pad */
    "ARP Announcement for 10.0.0.1",
    42, FALSE, NULL },
  /* ARP probe (RFC 5227): sender IP 0.0.0.0 */
  { "arp-probe",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 0800 06 04 0001 020000000001 00000000 000000000000 0a000001 " /* arp */
    "00000000 00000000 00000000 00000000 0000 ",  /* pad */
    "Who has 10.0.0.1? (ARP Probe)",
    42, FALSE, NULL },
  /* gratuitous ARP reply: sender IP = target IP */
  { "arp-gratuitous-reply",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 0800 06 04 0002 020000000001 0a000001 ffffffffffff 0a000001 " /* arp */
    "00000000 00000000 00000000 00000000 0000 ",  /* pad */
    "Gratuitous ARP for 10.0.0.1 (Reply)",
    42, FALSE, NULL },
  /* ARP with 8-byte hardware addresses and protocol type 0x86dd: raw-byte address fields */
  { "arp-odd-sizes",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 86dd 08 04 0001 0200000000010a0b 0a000001 0000000000000000 0a000002 " /* arp */
    "00000000 00000000 00000000 0000 ",  /* pad */
    "Who has 0a000002? Tell 0a000001",
    46, FALSE, NULL },
  /* ping 10.0.0.2 (Windows-style 32-byte payload) */
  { "icmp-echo-request",
    "020000000002 020000000001 0800 " /* eth */
    "4500003c 1c460000 40014a79 0a000001 0a000002 " /* ip */
    "08004d5a 00010001 61626364 65666768 696a6b6c 6d6e6f70 71727374 75767761 " /* icmp */
    "62636465 66676869 ",
    "Echo (ping) request  id=0x0001, seq=1/256, ttl=64",
    74, FALSE, NULL },
  /* its reply */
  { "icmp-echo-reply",
    "020000000001 020000000002 0800 " /* eth */
    "4500003c 2b010000 40013bbe 0a000002 0a000001 " /* ip */
    "0000555a 00010001 61626364 65666768 696a6b6c 6d6e6f70 71727374 75767761 " /* icmp */
    "62636465 66676869 ",
    "Echo (ping) reply    id=0x0001, seq=1/256, ttl=64",
    74, FALSE, NULL },
  /* router 10.0.0.254 answers a traceroute UDP probe (TTL 1), quoting IP header + 8 bytes */
  { "icmp-time-exceeded",
    "020000000001 0200000000fe 0800 " /* eth */
    "45000038 00070000 400165c0 0a0000fe 0a000001 " /* ip */
    "0b00ff40 00000000 4500003c 42420000 0111626d 0a000001 0a000102 9c40829a 0028d6bb ",  /* icmp */
    "Time-to-live exceeded (Time to live exceeded in transit)",
    70, FALSE, NULL },
  /* the traceroute target answers the probe */
  { "icmp-port-unreachable",
    "020000000001 0200000000fe 0800 " /* eth */
    "45000038 01000000 3f0165c3 0a000102 0a000001 " /* ip */
    "0303073e 00000000 4500003c 42430000 0111626c 0a000001 0a000102 9c40829a 0028d6bb ",  /* icmp */
    "Destination unreachable (Port unreachable)",
    70, FALSE, NULL },
  /* time exceeded quoting an ICMP echo request */
  { "icmp-time-exceeded-echo",
    "020000000001 0200000000fe 0800 " /* eth */
    "45000038 00090000 400165be 0a0000fe 0a000001 " /* ip */
    "0b009fa3 00000000 4500003c 00990000 0101a426 0a000001 0a000102 08004ce2 00770003 ",  /* icmp */
    "Time-to-live exceeded (Time to live exceeded in transit)",
    70, FALSE, NULL },
  /* fragmentation needed (MTU 1400) quoting a TCP SYN with DF */
  { "icmp-frag-needed",
    "020000000001 0200000000fe 0800 " /* eth */
    "45000038 000a0000 400165bd 0a0000fe 0a000001 " /* ip */
    "03040344 00000578 450005dc 55554000 4006cac4 0a000001 0a000102 9c540050 89abcdef ",  /* icmp */
    "Destination unreachable (Fragmentation needed)",
    70, FALSE, NULL },
  /* redirect for host to 10.0.0.253, quoting an echo request */
  { "icmp-redirect",
    "020000000001 0200000000fe 0800 " /* eth */
    "45000038 000b0000 400165bc 0a0000fe 0a000001 " /* ip */
    "05019aa5 0a0000fd 4500003c 00990000 0101a426 0a000001 0a000102 08004ce2 00770003 ",  /* icmp */
    "Redirect             (Redirect for host)",
    70, FALSE, NULL },
  /* parameter problem, pointer 21, quoting a header with a bad option */
  { "icmp-param-problem",
    "020000000001 0200000000fe 0800 " /* eth */
    "4500003c 000c0000 400165b7 0a0000fe 0a000001 " /* ip */
    "0c00e940 15000000 46000040 42440000 40118e63 0a000001 0a000102 94030000 " /* icmp */
    "9c40829a 0028d6bb ",
    "Parameter problem    (Pointer indicates the error)",
    74, FALSE, NULL },
  /* first fragment (MF, offset 0) of an 80-byte echo request */
  { "ip-fragment-first",
    "020000000002 020000000001 0800 " /* eth */
    "45000044 12342000 40013483 0a000001 0a000002 " /* ip */
    "08008263 00020001 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637 " /* icmp */
    "38393a3b 3c3d3e3f 40414243 44454647 ",
    "Echo (ping) request  id=0x0002, seq=1/256, ttl=64",
    82, FALSE, NULL },
  /* the last fragment: offset 6 (48 bytes) */
  { "ip-fragment-later",
    "020000000002 020000000001 0800 " /* eth */
    "45000034 12340006 4001548d 0a000001 0a000002 " /* ip */
    "48494a4b 4c4d4e4f 50515253 54555657 58595a5b 5c5d5e5f 60616263 64656667 ",  /* data */
    "Fragmented IP protocol (proto=ICMP 1, off=48, ID=1234)",
    66, FALSE, NULL },
  /* traceroute probe to 33434, 32 bytes */
  { "udp-datagram",
    "0200000000fe 020000000001 0800 " /* eth */
    "4500003c 42460000 40112369 0a000001 0a000102 " /* ip */
    "9c40829a 0028d6bb 40414243 44454647 48494a4b 4c4d4e4f 50515253 54555657 " /* udp */
    "58595a5b 5c5d5e5f ",
    "40000 → 33434 Len=32",
    74, FALSE, NULL },
  /* UDP without checksum, 3 bytes, padded to 60 bytes */
  { "udp-padded",
    "020000000002 020000000001 0800 " /* eth */
    "4500001f 00420000 4011668a 0a000001 0a000002 " /* ip */
    "9c429c43 000b0000 686921 " /* udp */
    "00000000 00000000 00000000 000000 ",  /* pad */
    "40002 → 40003 Len=3",
    45, FALSE, NULL },
  /* IP header with a Router Alert option (hdr_len 24), DSCP EF */
  { "udp-ip-options",
    "020000000002 020000000001 0800 " /* eth */
    "46b80024 00430000 4011d0c7 0a000001 0a000002 94040000 " /* ip */
    "9c449c45 000cd478 70696e67 " /* udp */
    "00000000 00000000 0000 ",  /* pad */
    "40004 → 40005 Len=4",
    50, FALSE, NULL },
  /* TCP SYN with MSS 1460, DF, padded to 60 bytes */
  { "tcp-syn",
    "0200000000fe 020000000001 0800 " /* eth */
    "4500002c 00014000 400625c9 0a000001 0a000102 " /* ip */
    "9c4a0050 00000000 00000000 6002faf0 eb980000 020405b4 " /* tcp */
    "0000 ",  /* pad */
    "40010 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460",
    58, FALSE, NULL },
  /* all 12 flag bits, urgent pointer 3, options NOP NOP MSS EOL EOL */
  { "tcp-all-flags",
    "020000000002 020000000001 0800 " /* eth */
    "45000030 00024000 400626c4 0a000001 0a000002 " /* ip */
    "9c4b9c4c 01020304 0a0b0c0d 7fff0200 0f6d0003 01010204 04b00000 ",  /* tcp */
    "40011 → 40012 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] "
    "Seq=16909060 Ack=168496141 Win=512 Urg=3 Len=0 MSS=1200",
    62, FALSE, NULL },
  /* PSH/ACK with 3 bytes of data, unpadded 57-byte frame (as captured on the sender) */
  { "tcp-push",
    "020000000002 020000000001 0800 " /* eth */
    "4500002b 00034000 400626c8 0a000001 0a000002 " /* ip */
    "9c4d9c4e 01020304 0a0b0c0d 501801f6 abd10000 474554 ",  /* tcp */
    "40013 → 40014 [PSH, ACK] Seq=16909060 Ack=168496141 Win=502 Len=3",
    57, FALSE, NULL },
  /* EtherType 0x1234: data */
  { "eth-unknown-type",
    "020000000002 020000000001 1234 " /* eth */
    "68656c6c 6f " /* data */
    "00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 " /* pad */
    "00000000 00000000 00 ",
    "Ethernet II",
    14, FALSE, NULL },
  /* IP protocol 253: data */
  { "ip-unknown-proto",
    "020000000002 020000000001 0800 " /* eth */
    "45000017 00440000 40fd65a4 0a000001 0a000002 " /* ip */
    "78797a " /* data */
    "00000000 00000000 00000000 00000000 00000000 000000 ",  /* pad */
    "Unknown (253)",
    37, FALSE, NULL },
  /* IEEE 802.3 length field (STP BPDU over LLC) */
  { "eth-802-3",
    "0180c2000000 020000000001 0026 " /* eth */
    "42420300 00000000 80000200 00000001 00000000 80000200 00000001 80010000 " /* llc */
    "14000200 0f00 "
    "00000000 00000000 ",  /* pad */
    "IEEE 802.3 Ethernet",
    52, TRUE, "eth." },
  /* ARP request followed by 18 zero bytes of padding and a 10-byte trailer */
  { "eth-trailer",
    "ffffffffffff 020000000001 0806 " /* eth */
    "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002 " /* arp */
    "00000000 00000000 00000000 00000000 0000 " /* pad */
    "00000000 00000000 0000 ",  /* trailer */
    "Who has 10.0.0.2? Tell 10.0.0.1",
    42, FALSE, NULL },
};
const guint n_test_frames = G_N_ELEMENTS (test_frames);

const TestFrame *
test_frame_lookup (const char *name)
{
  for (guint i = 0; i < n_test_frames; i++)
    if (g_str_equal (test_frames[i].name, name))
      return &test_frames[i];
  g_error ("no test frame %s", name);
  return NULL;
}

guint8 *
test_hex_to_bytes (const char *hex,
                   gsize      *len)
{
  GByteArray *out = g_byte_array_new ();
  guint8 *bytes;
  int hi = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      g_assert_true (g_ascii_isxdigit (*p));
      if (hi < 0)
        hi = g_ascii_xdigit_value (*p);
      else
        {
          guint8 b = (guint8) (hi << 4 | g_ascii_xdigit_value (*p));

          g_byte_array_append (out, &b, 1);
          hi = -1;
        }
    }
  g_assert_cmpint (hi, ==, -1);
  *len = out->len;
  /* A copy of the exact size (a GByteArray keeps spare room): under ASan a read one past
   * the end is caught. */
  bytes = out->len > 0 ? g_memdup2 (out->data, out->len) : g_malloc0 (1);
  g_byte_array_unref (out);
  return bytes;
}

guint8 *
test_frame_bytes (const TestFrame *frame,
                  gsize           *len)
{
  return test_hex_to_bytes (frame->hex, len);
}

guint8 *
test_bytes_with_fcs (const guint8 *data,
                     gsize         len,
                     gsize        *len_out)
{
  guint8 *out = g_malloc (len + 4);
  guint32 crc = crc32 (0L, data, len);

  memcpy (out, data, len);
  for (guint i = 0; i < 4; i++)
    out[len + i] = (crc >> (8 * i)) & 0xff; /* least significant byte first, as on the wire */
  *len_out = len + 4;
  return out;
}
