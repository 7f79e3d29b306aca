/* wl-dns-resolver-private.h — the recursive resolver's state, shared by its two files:
 * wl-dns-resolver.c (clients, cache, replies) and wl-dns-resolver-fetch.c (iteration). */
#pragma once

#include "proto/wl-dns-cache.h"
#include "wl-dns-private.h"

G_BEGIN_DECLS

typedef struct _WlDnsResolver WlDnsResolver;
typedef struct _Fetch         Fetch;

struct _WlDnsResolver
{
  WlStack             *stack;
  WlDnsResolverConfig *cfg;
  WlDnsCache           cache;
  GPtrArray           *fetches;  /* of Fetch*, owned: the lookups in progress */
};

/* A client waiting for an answer. */
typedef struct
{
  guint32       addr;   /* it asked from here */
  guint16       port;
  guint32       local;  /* … to this address of ours, which answers */
  WlDnsMessage *query;  /* owned: id, flags and question for the reply */
} Client;

/* One address of a name server of the zone being asked. */
typedef struct
{
  char    *name;
  guint32  addr;       /* 0: not known (yet) */
  guint    tries;      /* queries sent to it in this zone */
  gboolean looked_up;  /* a fetch for its address was made (or cannot be) */
} Server;

/* A lookup going down the tree: root → TLD → zone, following referrals and aliases. */
struct _Fetch
{
  WlDnsResolver *res;
  char          *qname;     /* the question as asked */
  guint16        qtype;
  char          *name;      /* where the lookup is now (after aliases) */
  GPtrArray     *answer;    /* of WlDnsRR*: the CNAME chain, then the data */
  WlDnsRR       *soa;       /* of a negative answer */
  GArray        *clients;   /* of Client */
  Fetch         *parent;    /* this fetch looks up an address for a name server of parent */
  guint          depth;     /* 0, or parent's + 1 */
  char          *zone;      /* the zone whose servers are asked ("" the root) */
  GArray        *servers;   /* of Server */
  guint          next;      /* where the search for the next server starts */
  const char    *failure;   /* why the last server did not do ("timeout", "servfail" …) */
  /* the query in flight (port 0: none) */
  guint16        id;
  guint16        port;
  guint32        server;
  WlTimerId      timer;
  guint          queries;   /* sent by this fetch, all servers together */
  guint          aliases;
};

typedef enum
{
  WL_DNS_CHASE_MISS,      /* the cache cannot finish the lookup; name is where it stopped */
  WL_DNS_CHASE_DATA,      /* answer holds the whole answer */
  WL_DNS_CHASE_NXDOMAIN,  /* soa set */
  WL_DNS_CHASE_NODATA,    /* soa set */
  WL_DNS_CHASE_LOOP,      /* too many aliases */
} WlDnsChase;

/* wl-dns-resolver.c */
/* Follows name/qtype through the cache, aliases included, appending to answer and moving
 * name along; dns-cache-hit notes for what it uses. */
WlDnsChase _wl_dns_resolver_chase (WlDnsResolver *res,
                                   char         **name,
                                   guint16        qtype,
                                   GPtrArray     *answer,
                                   WlDnsRR      **soa);
void       _wl_dns_resolver_reply (WlDnsResolver *res,
                                   const Client  *client,
                                   guint          rcode,
                                   GPtrArray     *answer,
                                   const WlDnsRR *soa);
guint64    _wl_dns_resolver_note_answer (WlDnsResolver *res,
                                         const char    *qname,
                                         guint16        qtype,
                                         guint          rcode,
                                         GPtrArray     *answer,
                                         guint          n_clients);
GArray    *_wl_dns_clients_new (void);

/* wl-dns-resolver-fetch.c */
/* Adds the client to the fetch for its question, starting one if there is none; takes
 * client->query. */
void       _wl_dns_fetch_join (WlDnsResolver *res,
                               Client        *client);
void       _wl_dns_fetch_free (gpointer fetch);
/* ICMP port unreachable quoting a query from our port to server: TRUE when it was ours. */
gboolean   _wl_dns_fetch_unreachable (WlDnsResolver *res,
                                      guint32        server,
                                      guint16        port);

G_END_DECLS
