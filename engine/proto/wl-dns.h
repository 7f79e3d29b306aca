/* wl-dns.h — the DNS programs of a stack: the authoritative server, the recursive resolver,
 * and the stub resolver that a host's programs (nslookup) ask.
 *
 *      nslookup (engine/devices/wl-nslookup.c)
 *          |
 *      stub resolver (wl-dns-stub.c): one server, a cache, retries        on a host
 *          |  RD=1
 *      recursive resolver (wl-dns-resolver.c): root → TLD → zone, cache    on a server
 *          |  RD=0
 *      authoritative servers (wl-dns-server.c): zones (wl-dns-zone.c)      on servers
 *
 * Each program has a configuration struct, a parser that builds it from "key=value" settings
 * (the lab's [service DEVICE dns-server] and [service DEVICE dns-resolver] groups; the keys are
 * described at the top of wl-dns-server.c), and a start function.  A started program lives,
 * and is freed, with its stack.
 */
#pragma once

#include <glib.h>

#include "lab/wl-lab.h"
#include "proto/wl-dns-wire.h"
#include "proto/wl-dns-zone.h"
#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* --- authoritative server ---------------------------------------------------------------- */

/* BIND's minimal-responses. */
typedef enum
{
  WL_DNS_MINIMAL_NO_AUTH_RECURSIVE,  /* BIND 9.18's default: minimal when RD is set */
  WL_DNS_MINIMAL_NO,                 /* NS and glue with every positive answer */
  WL_DNS_MINIMAL_YES,                /* only what the protocol requires */
} WlDnsMinimal;

typedef struct
{
  gint         ref_count;
  GPtrArray   *zones;    /* of WlDnsZone*, owned, finished */
  WlDnsMinimal minimal;
} WlDnsServerConfig;

WlDnsServerConfig *wl_dns_server_config_new (void);
WlDnsServerConfig *wl_dns_server_config_ref (WlDnsServerConfig *cfg);
void               wl_dns_server_config_unref (WlDnsServerConfig *cfg);
/* Reads settings ("key=value" strings, NULL-terminated) into cfg; errors are
 * WL_LAB_ERROR_INVALID naming the key, the value and what is wrong. */
gboolean           wl_dns_server_config_parse (WlDnsServerConfig  *cfg,
                                               const char *const  *settings,
                                               GError            **error);
/* Binds UDP port 53 and answers from cfg's zones (a reference is kept).  FALSE when the
 * port is taken. */
gboolean           wl_dns_server_start (WlStack           *stack,
                                        WlDnsServerConfig *cfg,
                                        GError           **error);

/* --- recursive resolver ------------------------------------------------------------------ */

typedef struct
{
  char   *name;      /* "a.root-servers.net" */
  guint32 address;
} WlDnsHint;

typedef struct
{
  gint               ref_count;
  GArray            *root_hints;  /* of WlDnsHint: where iteration starts */
  WlTime             timeout;     /* waiting for one server's answer: default 1 s */
  guint              tries;       /* times each server of a zone is tried: default 2 */
  guint              cache_size;  /* entries: default 10000 */
  WlDnsServerConfig *local;       /* zones also served with authority (named with zones and
                                   * recursion), or NULL */
} WlDnsResolverConfig;

WlDnsResolverConfig *wl_dns_resolver_config_new (void);
WlDnsResolverConfig *wl_dns_resolver_config_ref (WlDnsResolverConfig *cfg);
void                 wl_dns_resolver_config_unref (WlDnsResolverConfig *cfg);
gboolean             wl_dns_resolver_config_parse (WlDnsResolverConfig *cfg,
                                                   const char *const   *settings,
                                                   GError             **error);
/* Binds UDP port 53 and resolves for any client (a reference to cfg is kept). */
gboolean             wl_dns_resolver_start (WlStack             *stack,
                                            WlDnsResolverConfig *cfg,
                                            GError             **error);

/* The rows of the service table (engine/devices/wl-services.c):
 *   { "dns-server", wl_dns_server_check_service, wl_dns_server_service_start },
 *   { "dns-resolver", wl_dns_resolver_check_service, wl_dns_resolver_service_start },
 * A device with both runs one program, the resolver, which answers for the server's zones
 * itself, as named does with zones and recursion: the dns-server start then does nothing. */
gboolean wl_dns_server_check_service (const WlLabDevice  *dev,
                                      const WlLabService *svc,
                                      GError            **error);
gboolean wl_dns_resolver_check_service (const WlLabDevice  *dev,
                                        const WlLabService *svc,
                                        GError            **error);
gboolean wl_dns_server_service_start (WlDevice           *dev,
                                      const WlLabDevice  *cfg,
                                      const WlLabService *svc,
                                      GError            **error);
gboolean wl_dns_resolver_service_start (WlDevice           *dev,
                                        const WlLabDevice  *cfg,
                                        const WlLabService *svc,
                                        GError            **error);

/* --- stub resolver ----------------------------------------------------------------------- */

typedef struct _WlDnsStub WlDnsStub;

typedef struct
{
  guint32 server;      /* the host's DNS server; 0: none */
  WlTime  timeout;     /* per attempt: default 5 s (glibc's RES_TIMEOUT) */
  guint   attempts;    /* default 2 (glibc's RES_DFLRETRY) */
  guint   cache_size;  /* entries: default 1000 */
} WlDnsStubConfig;

void       wl_dns_stub_config_init (WlDnsStubConfig *cfg);
/* Keys: server, timeout, attempts, cache-size. */
gboolean   wl_dns_stub_config_parse (WlDnsStubConfig    *cfg,
                                     const char *const  *settings,
                                     GError            **error);
/* Starts the stack's stub resolver (one per stack; a second call gives the running stub the
 * new settings and returns it). */
WlDnsStub *wl_dns_stub_start (WlStack               *stack,
                              const WlDnsStubConfig *cfg);
/* The stub started on this stack, or NULL. */
WlDnsStub *wl_dns_stub_get (WlStack *stack);
/* A new DNS server (DHCP option 6); the cache is kept. */
void       wl_dns_stub_set_server (WlDnsStub *stub,
                                   guint32    server);
guint32    wl_dns_stub_get_server (WlDnsStub *stub);

typedef enum
{
  WL_DNS_STUB_ANSWERED,   /* a response came (any rcode), or the cache answered */
  WL_DNS_STUB_TIMED_OUT,  /* every attempt went unanswered */
  WL_DNS_STUB_REFUSED,    /* ICMP port unreachable: nothing listens on the server's port 53 */
  WL_DNS_STUB_NO_SERVER,  /* no server configured */
  WL_DNS_STUB_UNREACHABLE,/* ICMP host or network unreachable (ARP failed, no route) */
} WlDnsStubStatus;

typedef struct
{
  const char         *name;
  guint16             type;
  guint32             server;
  WlDnsStubStatus     status;
  gboolean            from_cache;
  guint               attempts;   /* queries sent (0 for a cache hit) */
  const WlDnsMessage *response;   /* ANSWERED: the response (made up from the cache for a hit) */
} WlDnsStubResult;

typedef void (*WlDnsStubFunc) (WlDnsStub             *stub,
                               const WlDnsStubResult *result,
                               gpointer               user_data);

/* Looks name/type up: in the cache first, then by asking the configured server (RD=1).  With
 * server != 0 that server is asked directly and the cache neither read nor filled, as
 * "nslookup NAME SERVER" does.  func runs once, later (never from inside this call). */
void       wl_dns_stub_resolve (WlDnsStub    *stub,
                                const char   *name,
                                guint16       type,
                                guint32       server,
                                WlDnsStubFunc func,
                                gpointer      user_data);

/* nslookup (engine/devices/wl-nslookup.c): the row of the console command table. */
gboolean   wl_nslookup_command (WlStack    *stack,
                                const char *line,
                                char      **argv,
                                GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDnsServerConfig, wl_dns_server_config_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDnsResolverConfig, wl_dns_resolver_config_unref)

G_END_DECLS
