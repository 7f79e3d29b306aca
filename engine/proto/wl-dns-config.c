/* wl-dns-config.c — the settings of the DNS programs: parsing, checking, starting.
 *
 * Where it sits: between the lab (its [service DEVICE dns-server] and [service DEVICE
 * dns-resolver] groups, whose keys wl-dns-server.c lists at its top) and the programs
 * (wl-dns-server.c, wl-dns-resolver.c, wl-dns-stub.c).  Each parser takes "key=value"
 * strings, knows its keys, refuses any other, and names the key, the value and the rule in
 * its error (WL_LAB_ERROR_INVALID), so that the same message reaches the inspector, the
 * lab text loader and the CLI.
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "proto/wl-apps.h"
#include "proto/wl-dns-cache.h"
#include "wl-dns-private.h"

#define STUB_DEFAULT_TIMEOUT (5 * WL_S)
#define STUB_DEFAULT_ATTEMPTS 2
#define STUB_DEFAULT_CACHE 1000
#define RESOLVER_DEFAULT_TIMEOUT (1 * WL_S)
#define RESOLVER_DEFAULT_TRIES 2
#define MAX_CACHE_SIZE 1000000

/* ---- helpers --------------------------------------------------------------------------- */

gboolean
_wl_dns_setting_split (const char *setting,
                       char      **key,
                       char      **value)
{
  const char *eq = strchr (setting, '=');

  if (eq == NULL)
    return FALSE;
  *key = g_strndup (setting, (gsize) (eq - setting));
  *value = g_strdup (eq + 1);
  return TRUE;
}

char **
_wl_dns_split_list (const char *value)
{
  g_auto (GStrv) parts = g_strsplit (value, ";", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (item[0] != '\0')
        g_ptr_array_add (out, g_strdup (item));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

gboolean
_wl_dns_setting_error (GError    **error,
                       const char *key,
                       const char *value,
                       const char *why)
{
  /* Translators: a setting as written ("timeout=5x"), then what is wrong with it */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("%s=%s: %s"), key, value, why);
  return FALSE;
}

static gboolean
parse_count (const char *key,
             const char *value,
             guint       min,
             guint       max,
             guint      *out,
             GError    **error)
{
  guint64 n;
  g_autofree char *why = NULL;

  if (g_ascii_string_to_unsigned (value, 10, min, max, &n, NULL))
    {
      *out = (guint) n;
      return TRUE;
    }
  why = g_strdup_printf (_("expected a whole number from %u to %u"), min, max);
  return _wl_dns_setting_error (error, key, value, why);
}

static gboolean
parse_timeout (const char *key,
               const char *value,
               WlTime     *out,
               GError    **error)
{
  if (wl_parse_time (value, out) && *out >= WL_MS && *out <= 60 * WL_S)
    return TRUE;
  return _wl_dns_setting_error (error, key, value,
                                _("expected a time from 1ms to 60s, such as “2s” or “500ms”"));
}

static gboolean
unknown_key (GError    **error,
             const char *key,
             const char *value,
             const char *known)
{
  g_autofree char *why = g_strdup_printf (_("unknown key; the keys are %s"), known);

  return _wl_dns_setting_error (error, key, value, why);
}

/* Splits every setting; FALSE for one without '=' or a key given twice. */
static GPtrArray *
split_settings (const char *const *settings,
                GError           **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      char *key, *value;

      if (!_wl_dns_setting_split (settings[i], &key, &value))
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                       _("“%s” is not a setting: expected KEY=VALUE"), settings[i]);
          return NULL;
        }
      for (guint j = 0; j < pairs->len; j += 2)
        if (g_str_equal (pairs->pdata[j], key))
          {
            _wl_dns_setting_error (error, key, value, _("the key is given twice"));
            g_free (key);
            g_free (value);
            return NULL;
          }
      g_ptr_array_add (pairs, key);
      g_ptr_array_add (pairs, value);
    }
  return g_steal_pointer (&pairs);
}

/* Every key must be one of keys (NULL-terminated). */
static gboolean
check_keys (GPtrArray          *pairs,
            const char *const  *keys,
            GError            **error)
{
  for (guint j = 0; j < pairs->len; j += 2)
    if (!g_strv_contains (keys, pairs->pdata[j]))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) keys);

        return unknown_key (error, pairs->pdata[j], pairs->pdata[j + 1], known);
      }
  return TRUE;
}

static const char *
lookup (GPtrArray  *pairs,
        const char *key)
{
  for (guint j = 0; j < pairs->len; j += 2)
    if (g_str_equal (pairs->pdata[j], key))
      return pairs->pdata[j + 1];
  return NULL;
}

/* ---- authoritative server -------------------------------------------------------------- */

WlDnsServerConfig *
wl_dns_server_config_new (void)
{
  WlDnsServerConfig *cfg = g_new0 (WlDnsServerConfig, 1);

  cfg->ref_count = 1;
  cfg->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_zone_free);
  cfg->minimal = WL_DNS_MINIMAL_NO_AUTH_RECURSIVE;
  return cfg;
}

WlDnsServerConfig *
wl_dns_server_config_ref (WlDnsServerConfig *cfg)
{
  g_atomic_int_inc (&cfg->ref_count);
  return cfg;
}

void
wl_dns_server_config_unref (WlDnsServerConfig *cfg)
{
  if (cfg == NULL || !g_atomic_int_dec_and_test (&cfg->ref_count))
    return;
  g_ptr_array_unref (cfg->zones);
  g_free (cfg);
}

static gboolean
parse_minimal (const char   *value,
               WlDnsMinimal *out,
               GError      **error)
{
  if (g_str_equal (value, "no-auth-recursive"))
    *out = WL_DNS_MINIMAL_NO_AUTH_RECURSIVE;
  else if (g_str_equal (value, "yes"))
    *out = WL_DNS_MINIMAL_YES;
  else if (g_str_equal (value, "no"))
    *out = WL_DNS_MINIMAL_NO;
  else
    return _wl_dns_setting_error (error, "minimal-responses", value,
                                  _("expected no-auth-recursive, yes or no"));
  return TRUE;
}

static gboolean
add_records (WlDnsZone  *zone,
             const char *value,
             guint32     ttl,
             GError    **error)
{
  g_auto (GStrv) lines = _wl_dns_split_list (value);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GError) record_error = NULL;

      if (!wl_dns_zone_add_text (zone, lines[i], ttl, &record_error))
        return _wl_dns_setting_error (error, "records", lines[i], record_error->message);
    }
  return TRUE;
}

static gboolean
build_zone (WlDnsServerConfig *cfg,
            GPtrArray         *pairs,
            GError           **error)
{
  const char *origin = lookup (pairs, "zone");
  const char *records = lookup (pairs, "records"), *soa = lookup (pairs, "soa");
  const char *ttl_text = lookup (pairs, "ttl");
  guint32 ttl = WL_DNS_DEFAULT_TTL;
  g_autoptr (WlDnsZone) zone = NULL;
  g_autoptr (GError) zone_error = NULL;

  if (origin == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("A DNS server needs zone=NAME, the zone it answers for"));
      return FALSE;
    }
  if ((zone = wl_dns_zone_new (origin, &zone_error)) == NULL)
    return _wl_dns_setting_error (error, "zone", origin, zone_error->message);
  if (ttl_text != NULL && !wl_dns_parse_ttl (ttl_text, &ttl))
    return _wl_dns_setting_error (error, "ttl", ttl_text,
                                  _("expected seconds below 2³¹, or a number with s, m, h, d "
                                    "or w"));
  if (records != NULL && !add_records (zone, records, ttl, error))
    return FALSE;
  if (soa != NULL)
    {
      g_autofree char *line = g_strconcat ("@ SOA ", soa, NULL);

      if (!wl_dns_zone_add_text (zone, line, ttl, &zone_error))
        return _wl_dns_setting_error (error, "soa", soa, zone_error->message);
    }
  wl_dns_zone_finish (zone, ttl);
  g_ptr_array_add (cfg->zones, g_steal_pointer (&zone));
  return TRUE;
}

gboolean
wl_dns_server_config_parse (WlDnsServerConfig  *cfg,
                            const char *const  *settings,
                            GError            **error)
{
  static const char *const keys[] = { "zone", "records", "ttl", "soa", "minimal-responses",
                                       NULL };
  g_autoptr (GPtrArray) pairs = split_settings (settings, error);
  const char *minimal;

  g_return_val_if_fail (cfg != NULL, FALSE);

  if (pairs == NULL || !check_keys (pairs, keys, error))
    return FALSE;
  if ((minimal = lookup (pairs, "minimal-responses")) != NULL
      && !parse_minimal (minimal, &cfg->minimal, error))
    return FALSE;
  return build_zone (cfg, pairs, error);
}

/* ---- recursive resolver ---------------------------------------------------------------- */

static void
hint_clear (gpointer p)
{
  g_free (((WlDnsHint *) p)->name);
}

WlDnsResolverConfig *
wl_dns_resolver_config_new (void)
{
  WlDnsResolverConfig *cfg = g_new0 (WlDnsResolverConfig, 1);

  cfg->ref_count = 1;
  cfg->root_hints = g_array_new (FALSE, TRUE, sizeof (WlDnsHint));
  g_array_set_clear_func (cfg->root_hints, hint_clear);
  cfg->timeout = RESOLVER_DEFAULT_TIMEOUT;
  cfg->tries = RESOLVER_DEFAULT_TRIES;
  cfg->cache_size = WL_DNS_CACHE_DEFAULT_SIZE;
  return cfg;
}

WlDnsResolverConfig *
wl_dns_resolver_config_ref (WlDnsResolverConfig *cfg)
{
  g_atomic_int_inc (&cfg->ref_count);
  return cfg;
}

void
wl_dns_resolver_config_unref (WlDnsResolverConfig *cfg)
{
  if (cfg == NULL || !g_atomic_int_dec_and_test (&cfg->ref_count))
    return;
  g_array_unref (cfg->root_hints);
  g_clear_pointer (&cfg->local, wl_dns_server_config_unref);
  g_free (cfg);
}

/* "NAME ADDRESS" or a bare "ADDRESS" (named a.root-servers.net, b.… by position). */
static gboolean
parse_hint (WlDnsResolverConfig *cfg,
            const char          *item,
            GError             **error)
{
  g_auto (GStrv) words = g_strsplit_set (item, " \t", -1);
  g_autoptr (GPtrArray) w = g_ptr_array_new ();
  g_autoptr (GError) name_error = NULL;
  WlDnsHint hint = { NULL, 0 };
  guint n = cfg->root_hints->len;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (w, words[i]);
  if (w->len < 1 || w->len > 2 || !wl_ip_parse (w->pdata[w->len - 1], &hint.address))
    return _wl_dns_setting_error (error, "root-hints", item,
                                  _("expected “NAME ADDRESS” or an IPv4 address"));
  if (w->len == 1)
    hint.name = n < 13 ? g_strdup_printf ("%c.root-servers.net", 'a' + n)
                       : g_strdup_printf ("root%u.root-servers.net", n + 1);
  else if ((hint.name = wl_dns_name_normalize (w->pdata[0], &name_error)) == NULL)
    return _wl_dns_setting_error (error, "root-hints", item, name_error->message);
  g_array_append_val (cfg->root_hints, hint);
  return TRUE;
}

gboolean
wl_dns_resolver_config_parse (WlDnsResolverConfig *cfg,
                              const char *const   *settings,
                              GError             **error)
{
  static const char *const keys[] = { "root-hints", "timeout", "tries", "cache-size", NULL };
  g_autoptr (GPtrArray) pairs = split_settings (settings, error);
  const char *v;

  g_return_val_if_fail (cfg != NULL, FALSE);

  if (pairs == NULL || !check_keys (pairs, keys, error))
    return FALSE;
  if ((v = lookup (pairs, "root-hints")) != NULL)
    {
      g_auto (GStrv) items = _wl_dns_split_list (v);

      for (guint i = 0; items[i] != NULL; i++)
        if (!parse_hint (cfg, items[i], error))
          return FALSE;
    }
  if ((v = lookup (pairs, "timeout")) != NULL && !parse_timeout ("timeout", v, &cfg->timeout, error))
    return FALSE;
  if ((v = lookup (pairs, "tries")) != NULL && !parse_count ("tries", v, 1, 10, &cfg->tries, error))
    return FALSE;
  if ((v = lookup (pairs, "cache-size")) != NULL
      && !parse_count ("cache-size", v, 1, MAX_CACHE_SIZE, &cfg->cache_size, error))
    return FALSE;
  return TRUE;
}

/* ---- stub resolver --------------------------------------------------------------------- */

void
wl_dns_stub_config_init (WlDnsStubConfig *cfg)
{
  cfg->server = 0;
  cfg->timeout = STUB_DEFAULT_TIMEOUT;
  cfg->attempts = STUB_DEFAULT_ATTEMPTS;
  cfg->cache_size = STUB_DEFAULT_CACHE;
}

gboolean
wl_dns_stub_config_parse (WlDnsStubConfig    *cfg,
                          const char *const  *settings,
                          GError            **error)
{
  static const char *const keys[] = { "server", "timeout", "attempts", "cache-size", NULL };
  g_autoptr (GPtrArray) pairs = split_settings (settings, error);
  const char *v;

  if (pairs == NULL || !check_keys (pairs, keys, error))
    return FALSE;
  if ((v = lookup (pairs, "server")) != NULL && !wl_ip_parse (v, &cfg->server))
    return _wl_dns_setting_error (error, "server", v, _("expected an IPv4 address"));
  if ((v = lookup (pairs, "timeout")) != NULL && !parse_timeout ("timeout", v, &cfg->timeout, error))
    return FALSE;
  if ((v = lookup (pairs, "attempts")) != NULL
      && !parse_count ("attempts", v, 1, 5, &cfg->attempts, error))
    return FALSE;
  if ((v = lookup (pairs, "cache-size")) != NULL
      && !parse_count ("cache-size", v, 1, MAX_CACHE_SIZE, &cfg->cache_size, error))
    return FALSE;
  return TRUE;
}

/* ---- lab services ---------------------------------------------------------------------- */

static char **
service_settings (const WlLabService *svc)
{
  char **out = g_new0 (char *, svc->settings->len + 1);

  for (guint i = 0; i < svc->settings->len; i++)
    {
      const WlLabSetting *s = g_ptr_array_index (svc->settings, i);

      out[i] = g_strdup_printf ("%s=%s", s->key, s->value);
    }
  return out;
}

static gboolean
service_error (GError            **error,
               const WlLabDevice  *dev,
               const WlLabService *svc,
               GError             *cause)
{
  /* Translators: device name, service kind ("dns-server"), then what is wrong */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("Device “%s”, service %s: %s"),
               dev->name, svc->kind, cause->message);
  return FALSE;
}

static WlDnsServerConfig *
server_config_for (const WlLabDevice  *dev,
                   const WlLabService *svc,
                   GError            **error)
{
  g_autoptr (WlDnsServerConfig) cfg = wl_dns_server_config_new ();
  g_auto (GStrv) settings = service_settings (svc);
  g_autoptr (GError) cause = NULL;

  if (!wl_dns_server_config_parse (cfg, (const char *const *) settings, &cause))
    {
      service_error (error, dev, svc, cause);
      return NULL;
    }
  return g_steal_pointer (&cfg);
}

static WlDnsResolverConfig *
resolver_config_for (const WlLabDevice  *dev,
                     const WlLabService *svc,
                     GError            **error)
{
  g_autoptr (WlDnsResolverConfig) cfg = wl_dns_resolver_config_new ();
  g_auto (GStrv) settings = service_settings (svc);
  g_autoptr (GError) cause = NULL;

  if (!wl_dns_resolver_config_parse (cfg, (const char *const *) settings, &cause))
    {
      service_error (error, dev, svc, cause);
      return NULL;
    }
  return g_steal_pointer (&cfg);
}

gboolean
wl_dns_server_check_service (const WlLabDevice  *dev,
                             const WlLabService *svc,
                             GError            **error)
{
  g_autoptr (WlDnsServerConfig) cfg = server_config_for (dev, svc, error);

  return cfg != NULL;
}

gboolean
wl_dns_resolver_check_service (const WlLabDevice  *dev,
                               const WlLabService *svc,
                               GError            **error)
{
  g_autoptr (WlDnsResolverConfig) cfg = resolver_config_for (dev, svc, error);

  return cfg != NULL;
}

gboolean
wl_dns_server_service_start (WlDevice           *dev,
                             const WlLabDevice  *cfg,
                             const WlLabService *svc,
                             GError            **error)
{
  g_autoptr (WlDnsServerConfig) scfg = NULL;

  /* With a resolver on the same device, the resolver serves the zones too. */
  if (wl_lab_device_find_service ((WlLabDevice *) cfg, "dns-resolver") != NULL)
    return TRUE;
  if ((scfg = server_config_for (cfg, svc, error)) == NULL)
    return FALSE;
  return wl_dns_server_start (wl_device_get_stack (dev), scfg, error);
}

gboolean
wl_dns_resolver_service_start (WlDevice           *dev,
                               const WlLabDevice  *cfg,
                               const WlLabService *svc,
                               GError            **error)
{
  WlLabService *zones = wl_lab_device_find_service ((WlLabDevice *) cfg, "dns-server");
  g_autoptr (WlDnsResolverConfig) rcfg = resolver_config_for (cfg, svc, error);

  if (rcfg == NULL)
    return FALSE;
  if (zones != NULL && (rcfg->local = server_config_for (cfg, zones, error)) == NULL)
    return FALSE;
  return wl_dns_resolver_start (wl_device_get_stack (dev), rcfg, error);
}
