/* A DHCP server's pool: which address is offered, what a REQUEST may have, reservations,
 * offers that lapse, leases that expire, release and decline — all on the virtual clock. */
#include "config.h"

#include "proto/wl-dhcp-pool.h"
#include "proto/wl-dhcp-wire.h"

#define IP(a, b, c, d) ((guint32) (a) << 24 | (guint32) (b) << 16 | (guint32) (c) << 8 | (d))

static const WlMac mac_a = { { 2, 0, 0, 0, 0, 0xa } };
static const WlMac mac_b = { { 2, 0, 0, 0, 0, 0xb } };
static const WlMac mac_c = { { 2, 0, 0, 0, 0, 0xc } };

static void
pool_init (WlDhcpPool *pool)
{
  /* 10.0.0.100–10.0.0.102, /24, one hour. */
  wl_dhcp_pool_init (pool, IP (10, 0, 0, 100), IP (10, 0, 0, 102), 0xffffff00, 3600);
}

static void
test_lowest_first_and_hold (void)
{
  WlDhcpPool pool;

  pool_init (&pool);
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, 0, 0), ==, IP (10, 0, 0, 100));
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), 0), ==,
                   WL_DHCP_LEASE_OFFERED);
  /* The same client asking again gets the same address; another one the next. */
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, 0, WL_S), ==, IP (10, 0, 0, 100));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, 0, WL_S), ==, IP (10, 0, 0, 101));
  /* An offer not taken up lapses after WL_DHCP_OFFER_HOLD. */
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), WL_S + WL_DHCP_OFFER_HOLD),
                   ==, WL_DHCP_LEASE_FREE);
  wl_dhcp_pool_clear (&pool);
}

static void
test_commit_expire_reuse (void)
{
  WlDhcpPool pool;
  WlTime t = 10 * WL_S;

  pool_init (&pool);
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, 0, t), ==, IP (10, 0, 0, 100));
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 100), t), ==,
                   WL_DHCP_POOL_OK);
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), t + 3599 * WL_S), ==,
                   WL_DHCP_LEASE_BOUND);
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), t + 3600 * WL_S), ==,
                   WL_DHCP_LEASE_EXPIRED);
  /* Someone else may not have it while it runs, may once it expired — but only when no
   * never-used address is left (B gets .101, C .102, then A's old one). */
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_b, IP (10, 0, 0, 100), t), ==,
                   WL_DHCP_POOL_IN_USE);
  t += 3600 * WL_S;
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, 0, t), ==, IP (10, 0, 0, 101));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_c, 0, t), ==, IP (10, 0, 0, 102));
  /* A comes back: its old address, still free. */
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, 0, t), ==, IP (10, 0, 0, 100));
  wl_dhcp_pool_clear (&pool);
}

static void
test_requested_and_exhausted (void)
{
  WlDhcpPool pool;

  pool_init (&pool);
  /* Option 50 is honoured when free and in range, ignored otherwise. */
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, IP (10, 0, 0, 102), 0), ==,
                    IP (10, 0, 0, 102));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, IP (10, 0, 0, 102), 0), ==,
                    IP (10, 0, 0, 100));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_c, IP (10, 0, 0, 7), 0), ==,
                    IP (10, 0, 0, 101));
  /* Three addresses, three clients: a fourth gets nothing. */
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &(WlMac){ { 2, 0, 0, 0, 0, 0xd } }, 0, 0), ==, 0);
  wl_dhcp_pool_clear (&pool);
}

static void
test_reservations (void)
{
  WlDhcpPool pool;

  pool_init (&pool);
  /* One reservation inside the range, one outside it (but in the subnet). */
  wl_dhcp_pool_reserve (&pool, &mac_a, IP (10, 0, 0, 100));
  wl_dhcp_pool_reserve (&pool, &mac_c, IP (10, 0, 0, 50));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, 0, 0), ==, IP (10, 0, 0, 101));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_c, 0, 0), ==, IP (10, 0, 0, 50));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, IP (10, 0, 0, 102), 0), ==,
                    IP (10, 0, 0, 100));
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_b, IP (10, 0, 0, 100), 0), ==,
                   WL_DHCP_POOL_RESERVED);
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 101), 0), ==,
                   WL_DHCP_POOL_WRONG_ADDRESS);
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_c, IP (10, 0, 0, 50), 0), ==,
                   WL_DHCP_POOL_OK);
  wl_dhcp_pool_clear (&pool);
}

static void
test_request_checks (void)
{
  WlDhcpPool pool;

  pool_init (&pool);
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 1, 100), 0), ==,
                   WL_DHCP_POOL_WRONG_NETWORK);
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 20), 0), ==,
                   WL_DHCP_POOL_NOT_IN_POOL);
  /* INIT-REBOOT for a free address the server never gave: granted (authoritative). */
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 101), 0), ==,
                   WL_DHCP_POOL_OK);
  /* One address per client: taking .102 frees .101. */
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 102), 0), ==,
                   WL_DHCP_POOL_OK);
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 101), 0), ==,
                   WL_DHCP_LEASE_FREE);
  g_assert_cmpstr (wl_dhcp_pool_verdict_to_string (WL_DHCP_POOL_IN_USE), ==, "in-use");
  wl_dhcp_pool_clear (&pool);
}

static void
test_withdraw_release_decline (void)
{
  WlDhcpPool pool;

  pool_init (&pool);
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_a, 0, 0), ==, IP (10, 0, 0, 100));
  g_assert_cmpuint (wl_dhcp_pool_withdraw_offer (&pool, &mac_a, 0), ==, IP (10, 0, 0, 100));
  g_assert_cmpuint (wl_dhcp_pool_withdraw_offer (&pool, &mac_a, 0), ==, 0);
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), 0), ==,
                   WL_DHCP_LEASE_FREE);

  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 100), 0), ==,
                   WL_DHCP_POOL_OK);
  g_assert_false (wl_dhcp_pool_release (&pool, &mac_b, IP (10, 0, 0, 100), WL_S));
  g_assert_true (wl_dhcp_pool_release (&pool, &mac_a, IP (10, 0, 0, 100), WL_S));
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), WL_S), ==,
                   WL_DHCP_LEASE_FREE);

  /* Declined: never offered again while anything else is left; taken last. */
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, 0, 0), ==, IP (10, 0, 0, 101));
  g_assert_true (wl_dhcp_pool_decline (&pool, &mac_b, IP (10, 0, 0, 101)));
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 101), 0), ==,
                   WL_DHCP_LEASE_ABANDONED);
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_b, 0, 2 * WL_S), ==, IP (10, 0, 0, 102));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &mac_c, 0, 2 * WL_S), ==, IP (10, 0, 0, 100));
  g_assert_cmpuint (wl_dhcp_pool_offer (&pool, &(WlMac){ { 2, 0, 0, 0, 0, 0xd } }, 0, 2 * WL_S),
                    ==, IP (10, 0, 0, 101));
  wl_dhcp_pool_clear (&pool);
}

static void
test_infinite_lease (void)
{
  WlDhcpPool pool;

  wl_dhcp_pool_init (&pool, IP (10, 0, 0, 100), IP (10, 0, 0, 100), 0xffffff00,
                     WL_DHCP_INFINITE);
  g_assert_cmpint (wl_dhcp_pool_commit (&pool, &mac_a, IP (10, 0, 0, 100), 0), ==,
                   WL_DHCP_POOL_OK);
  g_assert_cmpint (wl_dhcp_pool_get_state (&pool, IP (10, 0, 0, 100), G_MAXUINT64 - 1), ==,
                   WL_DHCP_LEASE_BOUND);
  wl_dhcp_pool_clear (&pool);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/pool/lowest-first-and-hold", test_lowest_first_and_hold);
  g_test_add_func ("/engine/dhcp/pool/commit-expire-reuse", test_commit_expire_reuse);
  g_test_add_func ("/engine/dhcp/pool/requested-and-exhausted", test_requested_and_exhausted);
  g_test_add_func ("/engine/dhcp/pool/reservations", test_reservations);
  g_test_add_func ("/engine/dhcp/pool/request-checks", test_request_checks);
  g_test_add_func ("/engine/dhcp/pool/withdraw-release-decline", test_withdraw_release_decline);
  g_test_add_func ("/engine/dhcp/pool/infinite-lease", test_infinite_lease);
  return g_test_run ();
}
